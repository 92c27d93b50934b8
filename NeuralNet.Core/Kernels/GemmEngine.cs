using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Kernels;

/// <summary>Instruction sets the GEMM can run on; <see cref="Auto"/> picks the widest the CPU accelerates.</summary>
internal enum GemmIsa
{
    Auto,
    Avx512,
    Avx256,
    Scalar,
}

/// <summary>
/// Chooses how to run one multiply of raw column-major arrays: the direct path for tiny shapes, otherwise the
/// packed driver with the widest kernel, on all cores when the product is big enough to repay the hand-off.
/// </summary>
internal static unsafe class GemmEngine
{
    /// <summary>Below this many multiply-adds (m·n·k) the unpacked direct loops win (measured; S-sized layers).</summary>
    internal static long SmallWork { get; set; } = 8 * 1024;

    /// <summary>
    /// Below this many multiply-adds a product always runs on the caller (a hand-off costs a few microseconds). From
    /// here on, <see cref="GemmThreadModel"/> decides per shape from measured times, or, with
    /// <see cref="MeasureThreads"/> off, every such product is split.
    /// </summary>
    internal static long ParallelWork { get; set; } = 64 * 1024;

    /// <summary>
    /// Whether products from <see cref="ParallelWork"/> on are split only where measurement shows it pays (on by
    /// default). Tests that force a route turn it off.
    /// </summary>
    internal static bool MeasureThreads { get; set; } = true;

    /// <summary>The size rule for shapes the model has no room for: threads from about 1 MFLOP on (the old threshold).</summary>
    private const long UntrackedParallelWork = 512 * 1024;

    /// <summary>
    /// Whether the packed driver reads an untransposed A (the forward product's batch, the input gradient's dz) in place
    /// instead of packing it. On by default: MathNet's arrays are not 64-byte aligned, so an in-place 512-bit load of
    /// A may split a cache line, and on a Zen 4 core (512-bit ops run as two halves) that made M's products 15–25 %
    /// slower; on Zen 5 (full-width loads and FMAs) the forward products run 4–7 % faster on one core without the
    /// copy, and a split forward product no longer waits for a shared pack of A (M's first layer, two threads, best
    /// of N: 130 instead of 176–186 µs). Tests turn it off to cover the packed route.
    /// </summary>
    internal static bool ReadAInPlace { get; set; } = true;

    /// <summary>
    /// Whether the packed driver reads an untransposed B (the forward product's W, the weight gradient's dz) in place
    /// instead of packing it. On by default: the kernel only broadcasts from B, and a broadcast is a scalar load that
    /// does not care where it lands, so the transposing pack (a quarter of the forward product's time on M) is saved.
    /// Tests turn it off to cover the packed route.
    /// </summary>
    internal static bool ReadBInPlace { get; set; } = true;

    /// <summary>
    /// Whether a product with a transposed A small enough to pack whole on each thread (a first layer's weight gradient,
    /// xᵀ·dz) is split by columns, each thread packing A for itself, instead of by rows (see <see cref="GemmTask{T,TKernel}"/>).
    /// On by default; tests turn it off to cover the row split.
    /// </summary>
    internal static bool PrivatePackA { get; set; } = true;

    /// <summary>Most threads a multiply may use, the caller included (see <see cref="Gemm.MaxThreads"/>).</summary>
    internal static int MaxThreads { get; set; } = Environment.ProcessorCount;

    [ThreadStatic] private static int _callerLimit; // 0: none

    /// <summary>A lower limit for work started on this thread (see <see cref="KernelThreadLimit"/>); 0 for none.</summary>
    internal static int CallerLimit
    {
        get => _callerLimit;
        set => _callerLimit = value;
    }

    /// <summary>Most threads a multiply or pass started on this thread may use: <see cref="MaxThreads"/> or the caller's limit.</summary>
    internal static int ThreadsForCaller => _callerLimit > 0 ? Math.Min(_callerLimit, MaxThreads) : MaxThreads;

    /// <summary>Test hook: force a narrower instruction set than the CPU offers (never a wider one).</summary>
    internal static GemmIsa ForcedIsa { get; set; } = GemmIsa.Auto;

    /// <summary>The instruction set used for element type <typeparamref name="T"/> under the current setting.</summary>
    public static GemmIsa EffectiveIsa<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmIsa best = GemmKernel512<T>.IsSupported ? GemmIsa.Avx512 : GemmKernel256<T>.IsSupported ? GemmIsa.Avx256 : GemmIsa.Scalar;
        return ForcedIsa > best ? ForcedIsa : best;
    }

    /// <summary>
    /// C (m × n, ldc) = op(A)·op(B), or += when <paramref name="accumulate"/>; leading dimensions are the stored row counts.
    /// Then <paramref name="epilogue"/>, when given, runs over C's columns (see <see cref="GemmEpilogue"/>).
    /// </summary>
    public static void Multiply<T>(int m, int n, int k, T[] a, int lda, bool transA, T[] b, int ldb, bool transB,
        T[] c, int ldc, bool accumulate, IRangeBody? epilogue = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (k == 0)
            {
                if (!accumulate)
                    for (int j = 0; j < n; j++) new Span<T>(pc + (nint)j * ldc, m).Clear();
                if (epilogue is not null) GemmEpilogue.RunAfter(epilogue, m, n);
                return;
            }
            Run(m, n, k, new GemmOperand<T>(pa, lda, transA), new GemmOperand<T>(pb, ldb, transB), pc, ldc, accumulate, threads: true, epilogue);
        }
    }

    /// <summary>
    /// C = op(A)·op(B) (or +=) on pinned operands, k ≥ 1: the direct loops for tiny shapes, else the packed driver
    /// with the widest kernel, split across the pool where <paramref name="threads"/> allows and it pays; then the
    /// epilogue, if any.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a dispatcher on the path of every tiny product
    internal static void Run<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, bool threads,
        IRangeBody? epilogue = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmIsa isa = EffectiveIsa<T>();
        // Narrow products such as an output layer's weight gradient (1024 × 10 over 256 rows) go packed too: the
        // packed, threaded route beat the unpacked dot form on L's and M's output layers (L step 1.3–1.9 % faster).
        if (GemmSmall.Takes((long)m * n * k, n, k, isa, SmallWork))
        {
            GemmSmall.Run(m, n, k, a, b, c, ldc, accumulate, simd: isa != GemmIsa.Scalar);
            if (epilogue is not null) GemmEpilogue.RunAfter(epilogue, m, n);
        }
        else if (isa == GemmIsa.Avx512)
            Packed<T, GemmKernel512<T>>(m, n, k, a, b, c, ldc, accumulate, threads, epilogue);
        else if (isa == GemmIsa.Avx256)
            Packed<T, GemmKernel256<T>>(m, n, k, a, b, c, ldc, accumulate, threads, epilogue);
        else
            Packed<T, GemmKernelScalar<T>>(m, n, k, a, b, c, ldc, accumulate, threads, epilogue);
    }

    /// <summary>
    /// The packed driver alone, on this thread, with the kernel <see cref="Run{T}"/> would pick: for a sub-block of a
    /// product that the caller has split itself (<see cref="GemmPairTask{T}"/>), so that it sums every element as the
    /// whole product does, which the direct loops for tiny shapes would not. k ≥ 1.
    /// </summary>
    internal static void RunPacked<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmIsa isa = EffectiveIsa<T>();
        if (isa == GemmIsa.Avx512) GemmDriver<T, GemmKernel512<T>>.Run(m, n, k, a, b, c, ldc, accumulate);
        else if (isa == GemmIsa.Avx256) GemmDriver<T, GemmKernel256<T>>.Run(m, n, k, a, b, c, ldc, accumulate);
        else GemmDriver<T, GemmKernelScalar<T>>.Run(m, n, k, a, b, c, ldc, accumulate);
    }

    /// <summary>The micro-tile (MR rows × NR columns) of the kernel <see cref="RunPacked{T}"/> uses.</summary>
    internal static (int MR, int NR) Tile<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => EffectiveIsa<T>() switch
        {
            GemmIsa.Avx512 => (GemmKernel512<T>.MR, GemmKernel512<T>.NR),
            GemmIsa.Avx256 => (GemmKernel256<T>.MR, GemmKernel256<T>.NR),
            _ => (GemmKernelScalar<T>.MR, GemmKernelScalar<T>.NR),
        };

    /// <summary>Whether <see cref="Run{T}"/> takes the direct loops for tiny shapes for this product (never split by the caller).</summary>
    internal static bool IsSmall<T>(int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
        => GemmSmall.Takes((long)m * n * k, n, k, EffectiveIsa<T>(), SmallWork);

    private static void Packed<T, TKernel>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc,
        bool accumulate, bool threads, IRangeBody? epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IGemmKernel<T>
    {
        long work = (long)m * n * k;
        int tiles = ((m + TKernel.MR - 1) / TKernel.MR) * ((n + TKernel.NR - 1) / TKernel.NR);
        int parts = Math.Min(Math.Min(KernelWorkers.Parallelism, ThreadsForCaller), tiles);
        if (!threads || work < ParallelWork || parts < 2)
        {
            GemmDriver<T, TKernel>.Run(m, n, k, a, b, c, ldc, accumulate);
            if (epilogue is not null) GemmEpilogue.RunAfter(epilogue, m, n);
            return;
        }
        int token = -1;
        bool split = true;
        if (MeasureThreads)
            split = GemmThreadModel.Shared.Decide(new GemmShape(m, n, k, a.Transposed, b.Transposed, sizeof(T), parts),
                fallback: work >= UntrackedParallelWork, out token);
        long start = GemmThreadModel.Now();
        if (split && KernelWorkers.TryEnter())
        {
            bool epilogueDone;
            try
            {
                var task = GemmTask<T, TKernel>.Shared;
                epilogueDone = task.Set(m, n, k, a, b, c, ldc, accumulate, parts, epilogue);
                KernelWorkers.Run(task, parts);
            }
            finally
            {
                KernelWorkers.Exit();
            }
            if (epilogue is not null && !epilogueDone) GemmEpilogue.RunAfter(epilogue, m, n);
            GemmThreadModel.Shared.Record(token, parallel: true, GemmThreadModel.Now() - start);
            return;
        }
        GemmDriver<T, TKernel>.Run(m, n, k, a, b, c, ldc, accumulate);
        if (epilogue is not null) GemmEpilogue.RunAfter(epilogue, m, n);
        // A split refused because another caller holds the pool says nothing about this shape's serial cost.
        if (!split) GemmThreadModel.Shared.Record(token, parallel: false, GemmThreadModel.Now() - start);
    }
}
