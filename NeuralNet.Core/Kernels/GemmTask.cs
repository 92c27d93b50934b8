using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// One multiply split across threads along N (or M when N is narrow) into a few chunks per thread, which the
/// threads claim from a shared counter: each chunk is a whole sub-product run by <see cref="GemmDriver{T,TKernel}"/>
/// with the thread's own pack buffers, so threads never synchronise inside a chunk, and a thread that starts late
/// (a wake-up, a busy core) just claims fewer chunks instead of holding everyone up.
/// Splitting N leaves each chunk packing only its own part of B and repeating A's pack (none when A is read in
/// place); splitting M repeats B's pack instead, which is cheaper when A is the taller operand (a weight gradient). One shared instance per type, reused under the pool's lock, so nothing is allocated.
/// </summary>
internal sealed unsafe class GemmTask<T, TKernel> : GemmWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : IGemmKernel<T>
{
    public static readonly GemmTask<T, TKernel> Shared = new();

    private int _m, _n, _k;
    private GemmOperand<T> _a, _b;
    private T* _c;
    private nint _ldc;
    private bool _accumulate, _splitN;
    private int _tiles, _next;

    /// <summary>Chunks per thread: enough to rebalance a late thread, few enough that the repeated A pack stays small.</summary>
    private const int ChunksPerThread = 3;

    /// <summary>Stores the problem; call only while holding the pool.</summary>
    public void Set(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
    {
        (_m, _n, _k, _a, _b, _ldc, _accumulate) = (m, n, k, a, b, ldc, accumulate);
        _c = c;
        int tilesM = (m + TKernel.MR - 1) / TKernel.MR, tilesN = (n + TKernel.NR - 1) / TKernel.NR;
        // Each chunk repacks the whole of the operand that is not split, so split the dimension whose other operand
        // is the cheaper to repeat: N when A (m rows) is no bigger than B (n columns), as long as N has tiles to share.
        int enough = 2 * GemmWorkers.Parallelism;
        _splitN = m <= n ? tilesN >= enough || tilesN >= tilesM : tilesM < enough && tilesN >= tilesM;
        _tiles = _splitN ? tilesN : tilesM;
        _next = 0;
    }

    public override void Execute(int part, int parts)
    {
        // Every thread computes the same chunk count from the same fields; part 0 runs first on the caller.
        int chunks = Math.Min(_tiles, parts * ChunksPerThread);
        int unit = _splitN ? TKernel.NR : TKernel.MR;
        int size = _splitN ? _n : _m;
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < chunks)
        {
            int start = (int)((long)_tiles * chunk / chunks) * unit;
            int end = Math.Min(size, (int)((long)_tiles * (chunk + 1) / chunks) * unit);
            if (start >= end) continue;
            if (_splitN)
                GemmDriver<T, TKernel>.Run(_m, end - start, _k, _a, _b.Offset(0, start), _c + start * _ldc, _ldc, _accumulate);
            else
                GemmDriver<T, TKernel>.Run(end - start, _n, _k, _a.Offset(start, 0), _b, _c + start, _ldc, _accumulate);
        }
    }
}
