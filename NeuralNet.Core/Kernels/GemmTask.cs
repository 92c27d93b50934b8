using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// One multiply split across threads along N (or M when N is narrow), in two phases that the threads share by
/// claiming pieces from counters. First the operand that is not split is packed once, whole, into a shared buffer
/// (a piece is one strip of one k-slice, or, where packing is a plain copy, a range of depths of one k-slice so that
/// each piece reads whole runs of the source); then chunks of the split dimension, each thread's own share first
/// (<see cref="AffinityClaims"/>), are sub-products run by <see cref="GemmDriver{T,TKernel}"/>, which packs only its own part of the split operand
/// and reads the shared one.
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
    private bool _accumulate, _splitN, _shareA, _shareB, _privateA;
    private int _tiles;
    private readonly AffinityClaims _claims = new();
    private int _packPieces, _nextPack, _packedPieces;
    private int _depthBlock, _strips, _piecesPerSlice;
    private bool _copyPieces;
    private T* _shared;
    private T[]? _sharedArray;
    private IRangeBody? _epilogue;
    private int[] _groupColumns = [];

    [ThreadStatic] private static T[]? t_privateA;

    /// <summary>
    /// Largest transposed A (padded to whole strips, in bytes) that each thread packs whole for itself so that a
    /// product with m &gt; n can be split by columns (see <see cref="Set"/>): half of a 1 MiB L2.
    /// </summary>
    internal const long PrivateABytes = 512 * 1024;

    /// <summary>Depths per piece of a shared pack that is a copy: each piece reads this many whole runs of the source.</summary>
    private const int PieceDepth = 32;

    /// <summary>The smallest claim, in tiles of the split dimension: smaller ones would pack too thin a strip of the split operand.</summary>
    private const int MinTilesPerClaim = 2;

    /// <summary>
    /// A claim from a thread's own share, in tiles: larger, so that each k-slice of A is reused over more columns of B
    /// while it is in L2 (L's 256 × 1024 × 1024 products alone 2–4 % faster than with 2; L step 0–3 %, 5 of 5 rounds).
    /// Help with another's share still goes by <see cref="MinTilesPerClaim"/>, so the threads finish close together.
    /// </summary>
    private const int OwnTilesPerClaim = 8;

    /// <summary>
    /// Stores the problem for <paramref name="parts"/> threads and sizes the shared pack; call only while holding the pool.
    /// Returns whether the task runs <paramref name="epilogue"/> (when not null) over the columns of C as they are
    /// finished (<see cref="GemmEpilogue"/>): only a product split by columns does.
    /// </summary>
    public bool Set(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, int parts,
        IRangeBody? epilogue)
    {
        (_m, _n, _k, _a, _b, _ldc, _accumulate) = (m, n, k, a, b, ldc, accumulate);
        _c = c;
        int mr = TKernel.MR, nr = TKernel.NR;
        int tilesM = (m + mr - 1) / mr, tilesN = (n + nr - 1) / nr;
        // Split the dimension whose other operand is the smaller to pack: N when A (m rows) is no bigger than
        // B (n columns), as long as N has tiles to share.
        int enough = 2 * KernelWorkers.Parallelism;
        _splitN = m <= n ? tilesN >= enough || tilesN >= tilesM : tilesM < enough && tilesN >= tilesM;
        // A first layer's weight gradient xᵀ·dz (m = inputs > n = units) split by rows leaves the columns of dW on
        // both cores, and the update, which owns W (and so dW) by columns, then fetches half of them from the other
        // core. Split by columns instead, each thread packing all of the transposed A for itself: x is in both
        // caches after the forward pass, so the extra pack reads no line the other core wrote.
        _privateA = !_splitN && a.Transposed && GemmEngine.PrivatePackA && tilesN >= enough
            && (long)tilesM * mr * k * sizeof(T) <= PrivateABytes;
        _splitN |= _privateA;
        _tiles = _splitN ? tilesN : tilesM;
        _claims.Reset(_tiles, parts);

        // An untransposed A or B read in place needs no pack at all.
        _shareA = _splitN && !_privateA && !(GemmEngine.ReadAInPlace && !a.Transposed);
        _shareB = !_splitN && !(GemmEngine.ReadBInPlace && !b.Transposed);
        _depthBlock = GemmDriver<T, TKernel>.DepthBlock(k);
        _strips = _shareA ? tilesM : _shareB ? tilesN : 0;
        _copyPieces = _strips > 0 && GemmPacking.IsCopy(_shareA ? a : b, asA: _shareA);
        _piecesPerSlice = _copyPieces ? (_depthBlock + PieceDepth - 1) / PieceDepth : _strips;
        int slices = (k + _depthBlock - 1) / _depthBlock;
        _packPieces = _strips == 0 ? 0 : _piecesPerSlice * slices;
        _nextPack = 0;
        _packedPieces = 0;
        if (_packPieces > 0)
            _shared = GemmBuffers<T>.AlignedRegion(ref _sharedArray, (long)_strips * (_shareA ? mr : nr) * k);
        _epilogue = _splitN ? epilogue : null;
        if (_epilogue is not null) GemmEpilogue.ResetGroups(ref _groupColumns, n);
        return _epilogue is not null;
    }

    public override void Execute(int part, int parts)
    {
        PackShared();
        int unit = _splitN ? TKernel.NR : TKernel.MR;
        int size = _splitN ? _n : _m;
        T* sharedA = _shareA ? _shared : null, sharedB = _shareB ? _shared : null;
        // Each thread sweeps its own share of the tiles in small claims (so the same thread writes the same columns
        // of C every step, see AffinityClaims), then helps with the back of the other's: the threads finish within a
        // claim of each other (equal chunks handed out in turn left one waiting about 2 ms of an L step).
        while (_claims.TryClaim(part, OwnTilesPerClaim, out int first, out int last, stealSize: MinTilesPerClaim))
        {
            int start = first * unit;
            int end = Math.Min(size, last * unit);
            if (start >= end) continue;
            if (_privateA && sharedA == null) sharedA = PackPrivateA(); // at the first claim: a thread with none packs nothing
            if (_splitN)
            {
                GemmDriver<T, TKernel>.Run(_m, end - start, _k, _a, _b.Offset(0, start), _c + start * _ldc, _ldc, _accumulate, sharedA, null);
                if (_epilogue is not null) GemmEpilogue.Finished(_epilogue, _groupColumns, _n, start, end);
            }
            else
                GemmDriver<T, TKernel>.Run(end - start, _n, _k, _a.Offset(start, 0), _b, _c + start, _ldc, _accumulate, null, sharedB);
        }
    }

    /// <summary>All of op(A), packed by this thread alone in the <see cref="GemmDriver{T,TKernel}.SharedLayout"/> into its own buffer.</summary>
    private T* PackPrivateA()
    {
        int mr = TKernel.MR, tilesM = (_m + mr - 1) / mr;
        T* packed = GemmBuffers<T>.AlignedRegion(ref t_privateA, (long)tilesM * mr * _k);
        for (int pc = 0; pc < _k; pc += _depthBlock)
        {
            int kc = Math.Min(_depthBlock, _k - pc);
            for (int row = 0; row < _m; row += mr)
                GemmPacking.PackA(_a.Offset(row, pc), Math.Min(mr, _m - row), kc, mr,
                    packed + GemmDriver<T, TKernel>.SharedLayout(pc, tilesM * mr, row, kc));
        }
        return packed;
    }

    /// <summary>Packs strips of the shared operand until none are left unclaimed, then waits for those others are packing.</summary>
    private void PackShared()
    {
        if (_packPieces == 0) return;
        int mr = TKernel.MR, nr = TKernel.NR;
        int piece;
        while ((piece = Interlocked.Increment(ref _nextPack) - 1) < _packPieces)
        {
            int pc = piece / _piecesPerSlice * _depthBlock, index = piece % _piecesPerSlice;
            int kc = Math.Min(_depthBlock, _k - pc);
            if (_copyPieces)
            {
                // A copy pack is shared by depth ranges: whole runs of the source per piece, every strip written.
                int p0 = index * PieceDepth, p1 = Math.Min(kc, p0 + PieceDepth);
                if (p0 < kc)
                {
                    int width = _shareA ? mr : nr;
                    T* dst = _shared + GemmDriver<T, TKernel>.SharedLayout(pc, _strips * width, 0, kc);
                    GemmOperand<T> op = _shareA ? _a.Offset(0, pc) : _b.Offset(pc, 0);
                    GemmPacking.PackCopyDepths(op, _shareA ? _m : _n, kc, width, dst, p0, p1);
                }
            }
            else if (_shareA)
            {
                int row = index * mr;
                T* dst = _shared + GemmDriver<T, TKernel>.SharedLayout(pc, _strips * mr, row, kc);
                GemmPacking.PackA(_a.Offset(row, pc), Math.Min(mr, _m - row), kc, mr, dst);
            }
            else
            {
                int col = index * nr;
                T* dst = _shared + GemmDriver<T, TKernel>.SharedLayout(pc, _strips * nr, col, kc);
                GemmPacking.PackB(_b.Offset(pc, col), kc, Math.Min(nr, _n - col), nr, dst);
            }
            Interlocked.Increment(ref _packedPieces);
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref _packedPieces) < _packPieces) spin.SpinOnce(sleep1Threshold: -1);
    }
}
