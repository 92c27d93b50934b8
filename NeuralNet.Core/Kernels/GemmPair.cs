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

/// <summary>The two products of <see cref="GemmPair"/> as pieces the caller and a worker claim; one shared instance per type.</summary>
internal sealed unsafe class GemmPairTask<T> : KernelWork where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly GemmPairTask<T> Shared = new();

    private Piece _first, _second;
    private int _next;

    /// <summary>Stores both products (operands pinned by the caller until the pool returns); call only while holding the pool.</summary>
    public void Set(in GemmCall<T> first, T* a1, T* b1, T* c1, in GemmCall<T> second, T* a2, T* b2, T* c2)
    {
        _first = new Piece(first, a1, b1, c1);
        _second = new Piece(second, a2, b2, c2);
        _next = 0;
    }

    public override void Execute(int part, int parts)
    {
        int piece;
        while ((piece = Interlocked.Increment(ref _next) - 1) < 2)
            (piece == 0 ? _first : _second).Run();
    }

    private readonly struct Piece(in GemmCall<T> call, T* a, T* b, T* c)
    {
        private readonly int _m = call.M, _n = call.N, _k = call.K;
        private readonly GemmOperand<T> _a = new(a, call.Lda, call.TransA), _b = new(b, call.Ldb, call.TransB);
        private readonly T* _c = c;
        private readonly nint _ldc = call.Ldc;
        private readonly bool _accumulate = call.Accumulate;

        public void Run() => GemmEngine.Run(_m, _n, _k, _a, _b, _c, _ldc, _accumulate, threads: false);
    }
}
