using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>One product C = op(A)·op(B) (or +=) on raw column-major arrays; leading dimensions are the stored row counts.</summary>
internal readonly record struct GemmCall<T>(int M, int N, int K, T[] A, int Lda, bool TransA, T[] B, int Ldb, bool TransB,
    T[] C, int Ldc, bool Accumulate) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Multiply-adds (m·n·k).</summary>
    public long Work => (long)M * N * K;

    /// <summary>Runs the product alone (split across the pool where that pays).</summary>
    public void Run() => GemmEngine.Multiply(M, N, K, A, Lda, TransA, B, Ldb, TransB, C, Ldc, Accumulate);
}

/// <summary>
/// Two independent products (a layer's weight gradient and input gradient) run side by side, each whole on one
/// thread, instead of one after the other with each split across the pool. On mid-sized products (M's 256 → 128
/// layer: 128 × 256 × 128) a split pays little, since each thread gets a few tiles and both wait at the end for the
/// slower; two whole products need one hand-off for both and no shared pack.
/// </summary>
/// <remarks>
/// <see cref="GemmThreadModel"/> decides per pair of shapes, from measured times, between this route and the two
/// products in turn. Either way each product runs the same driver with the same blocks, so every element is summed in
/// the same order: results do not depend on the route or the thread count.
/// </remarks>
internal static unsafe class GemmPair
{
    /// <summary>Whether two products of these sizes (multiply-adds) may run side by side: a second thread, and both big enough to hand off.</summary>
    public static bool MayPay(long firstWork, long secondWork)
        => Math.Min(KernelWorkers.Parallelism, GemmEngine.ThreadsForCaller) >= 2
            && Math.Min(firstWork, secondWork) >= Math.Max(1, GemmEngine.ParallelWork);

    /// <summary>Runs both products, side by side where measurement shows it pays.</summary>
    public static void Multiply<T>(in GemmCall<T> first, in GemmCall<T> second) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = Math.Min(KernelWorkers.Parallelism, GemmEngine.ThreadsForCaller);
        bool eligible = MayPay(first.Work, second.Work);
        if (!eligible)
        {
            first.Run();
            second.Run();
            return;
        }
        int token = -1;
        bool paired = true;
        if (GemmEngine.MeasureThreads)
            paired = GemmThreadModel.Shared.Decide(new GemmShape(first.M, first.N, first.K, first.TransA, first.TransB, sizeof(T), parts,
                PairedWork: second.Work), fallback: false, out token);
        long start = GemmThreadModel.Now();
        if (paired && KernelWorkers.TryEnter())
        {
            try
            {
                fixed (T* a1 = first.A, b1 = first.B, c1 = first.C, a2 = second.A, b2 = second.B, c2 = second.C)
                {
                    var task = GemmPairTask<T>.Shared;
                    task.Set(first, a1, b1, c1, second, a2, b2, c2);
                    KernelWorkers.Run(task, 2);
                }
            }
            finally
            {
                KernelWorkers.Exit();
            }
            GemmThreadModel.Shared.Record(token, parallel: true, GemmThreadModel.Now() - start);
            return;
        }
        first.Run();
        second.Run();
        // A pairing refused because another caller holds the pool says nothing about the products in turn.
        if (!paired) GemmThreadModel.Shared.Record(token, parallel: false, GemmThreadModel.Now() - start);
    }
}

/// <summary>
/// The two products of <see cref="GemmPair"/> as one job: thread 0 owns the first product and thread 1 the second
/// (<see cref="AffinityClaims"/>), each cut into blocks of whole micro-tiles that its owner runs front to back; a
/// thread that has finished its own product takes blocks from the back of the other's, so that the two finish
/// together instead of one waiting for the other (L's 1024 → 1024 layer: its weight gradient ran about 130 µs longer
/// than its input gradient, the other core idle). A product is cut along the dimension whose operand is packed per
/// block anyway (the rows of a weight gradient xᵀ·dz, whose xᵀ is packed; the columns of an input gradient dz·Wᵀ,
/// whose Wᵀ is packed), so no block waits for another's pack. One shared instance per type.
/// </summary>
/// <remarks>
/// Every block runs the packed driver with the product's own depth blocking, so each element is summed in the same
/// order whichever thread runs it and however the product is cut: the same bits as the product alone. A product small
/// enough for the direct loops is one block, run whole.
/// </remarks>
internal sealed unsafe class GemmPairTask<T> : KernelWork where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly GemmPairTask<T> Shared = new();

    /// <summary>Tiles per claim from a thread's own product: large, so that each block reuses its packed operand.</summary>
    private const int OwnTilesPerClaim = 8;

    /// <summary>Tiles per claim taken from the other's product: small, so the threads finish within a block of each other.</summary>
    private const int StolenTilesPerClaim = 1;

    private readonly AffinityClaims _claims = new();
    private Piece _first, _second;
    private int _firstTiles;

    /// <summary>Stores both products (operands pinned by the caller until the pool returns); call only while holding the pool.</summary>
    public void Set(in GemmCall<T> first, T* a1, T* b1, T* c1, in GemmCall<T> second, T* a2, T* b2, T* c2)
    {
        _first = new Piece(first, a1, b1, c1);
        _second = new Piece(second, a2, b2, c2);
        _firstTiles = _first.Tiles;
        _claims.ResetPair(_firstTiles, _second.Tiles);
    }

    public override void Execute(int part, int parts)
    {
        while (_claims.TryClaim(part, OwnTilesPerClaim, out int start, out int end, stealSize: StolenTilesPerClaim))
        {
            if (start < _firstTiles) _first.Run(start, end);
            else _second.Run(start - _firstTiles, end - _firstTiles);
        }
    }

    private readonly struct Piece
    {
        private readonly int _m, _n, _k, _unit, _tiles;
        private readonly bool _small, _splitM;
        private readonly GemmOperand<T> _a, _b;
        private readonly T* _c;
        private readonly nint _ldc;
        private readonly bool _accumulate;

        public Piece(in GemmCall<T> call, T* a, T* b, T* c)
        {
            (_m, _n, _k, _ldc, _accumulate) = (call.M, call.N, call.K, call.Ldc, call.Accumulate);
            _c = c;
            _a = new GemmOperand<T>(a, call.Lda, call.TransA);
            _b = new GemmOperand<T>(b, call.Ldb, call.TransB);
            _small = GemmEngine.IsSmall<T>(_m, _n, _k);
            // By rows when only A is packed (a transposed A, an untransposed B read in place); else by columns.
            _splitM = call.TransA && !call.TransB;
            (int mr, int nr) = GemmEngine.Tile<T>();
            _unit = _splitM ? mr : nr;
            _tiles = _small ? 1 : ((_splitM ? _m : _n) + _unit - 1) / _unit;
        }

        /// <summary>How many blocks of whole micro-tiles the product is cut into.</summary>
        public int Tiles => _tiles;

        /// <summary>Blocks [first, last) of the product, on this thread.</summary>
        public void Run(int first, int last)
        {
            if (_small)
            {
                GemmEngine.Run(_m, _n, _k, _a, _b, _c, _ldc, _accumulate, threads: false);
                return;
            }
            int size = _splitM ? _m : _n;
            int start = first * _unit, end = Math.Min(size, last * _unit);
            if (start >= end) return;
            if (_splitM)
                GemmEngine.RunPacked(end - start, _n, _k, _a.Offset(start, 0), _b, _c + start, _ldc, _accumulate);
            else
                GemmEngine.RunPacked(_m, end - start, _k, _a, _b.Offset(0, start), _c + start * _ldc, _ldc, _accumulate);
        }
    }
}
