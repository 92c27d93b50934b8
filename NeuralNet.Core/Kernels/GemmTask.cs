using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// One multiply split across threads along N (or M when N is narrow), in two phases that the threads share by
/// claiming pieces from counters. First the operand that is not split is packed once, whole, into a shared buffer
/// (a piece is one strip of one k-slice); then each chunk of the split dimension is a sub-product run by
/// <see cref="GemmDriver{T,TKernel}"/>, which packs only its own part of the split operand and reads the shared one.
/// A thread that starts late (a wake-up, a busy core) just claims fewer pieces; between the phases a thread waits
/// only for pieces another thread has already claimed and is running.
/// One shared instance per type, reused under the pool's lock, so nothing is allocated after the buffer has grown.
/// </summary>
internal sealed unsafe class GemmTask<T, TKernel> : KernelWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : IGemmKernel<T>
{
    public static readonly GemmTask<T, TKernel> Shared = new();

    private int _m, _n, _k;
    private GemmOperand<T> _a, _b;
    private T* _c;
    private nint _ldc;
    private bool _accumulate, _splitN, _shareA, _shareB;
    private int _tiles, _next;
    private int _packPieces, _nextPack, _packedPieces;
    private int _depthBlock, _strips;
    private T* _shared;
    private T[]? _sharedArray;

    /// <summary>Chunks per thread: enough to rebalance a late thread; the shared pack makes more chunks nearly free.</summary>
    private const int ChunksPerThread = 3;

    /// <summary>Stores the problem and sizes the shared pack; call only while holding the pool.</summary>
    public void Set(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
    {
        (_m, _n, _k, _a, _b, _ldc, _accumulate) = (m, n, k, a, b, ldc, accumulate);
        _c = c;
        int mr = TKernel.MR, nr = TKernel.NR;
        int tilesM = (m + mr - 1) / mr, tilesN = (n + nr - 1) / nr;
        // Split the dimension whose other operand is the smaller to pack: N when A (m rows) is no bigger than
        // B (n columns), as long as N has tiles to share.
        int enough = 2 * KernelWorkers.Parallelism;
        _splitN = m <= n ? tilesN >= enough || tilesN >= tilesM : tilesM < enough && tilesN >= tilesM;
        _tiles = _splitN ? tilesN : tilesM;
        _next = 0;

        // An untransposed A read in place needs no pack at all.
        _shareA = _splitN && !(GemmEngine.ReadAInPlace && !a.Transposed);
        _shareB = !_splitN;
        _depthBlock = GemmDriver<T, TKernel>.DepthBlock(k);
        _strips = _shareA ? tilesM : _shareB ? tilesN : 0;
        int slices = (k + _depthBlock - 1) / _depthBlock;
        _packPieces = _strips * slices;
        _nextPack = 0;
        _packedPieces = 0;
        if (_packPieces > 0)
            _shared = GemmBuffers<T>.AlignedRegion(ref _sharedArray, (long)_strips * (_shareA ? mr : nr) * k);
    }

    public override void Execute(int part, int parts)
    {
        PackShared();
        // Every thread computes the same chunk count from the same fields; part 0 runs first on the caller.
        int chunks = Math.Min(_tiles, parts * ChunksPerThread);
        int unit = _splitN ? TKernel.NR : TKernel.MR;
        int size = _splitN ? _n : _m;
        T* sharedA = _shareA ? _shared : null, sharedB = _shareB ? _shared : null;
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < chunks)
        {
            int start = (int)((long)_tiles * chunk / chunks) * unit;
            int end = Math.Min(size, (int)((long)_tiles * (chunk + 1) / chunks) * unit);
            if (start >= end) continue;
            if (_splitN)
                GemmDriver<T, TKernel>.Run(_m, end - start, _k, _a, _b.Offset(0, start), _c + start * _ldc, _ldc, _accumulate, sharedA, null);
            else
                GemmDriver<T, TKernel>.Run(end - start, _n, _k, _a.Offset(start, 0), _b, _c + start, _ldc, _accumulate, null, sharedB);
        }
    }

    /// <summary>Packs strips of the shared operand until none are left unclaimed, then waits for those others are packing.</summary>
    private void PackShared()
    {
        if (_packPieces == 0) return;
        int mr = TKernel.MR, nr = TKernel.NR;
        int piece;
        while ((piece = Interlocked.Increment(ref _nextPack) - 1) < _packPieces)
        {
            int pc = piece / _strips * _depthBlock, strip = piece % _strips;
            int kc = Math.Min(_depthBlock, _k - pc);
            if (_shareA)
            {
                int row = strip * mr;
                T* dst = _shared + GemmDriver<T, TKernel>.SharedLayout(pc, _strips * mr, row, kc);
                GemmPacking.PackA(_a.Offset(row, pc), Math.Min(mr, _m - row), kc, mr, dst);
            }
            else
            {
                int col = strip * nr;
                T* dst = _shared + GemmDriver<T, TKernel>.SharedLayout(pc, _strips * nr, col, kc);
                GemmPacking.PackB(_b.Offset(pc, col), kc, Math.Min(nr, _n - col), nr, dst);
            }
            Interlocked.Increment(ref _packedPieces);
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref _packedPieces) < _packPieces) spin.SpinOnce(sleep1Threshold: -1);
    }
}
