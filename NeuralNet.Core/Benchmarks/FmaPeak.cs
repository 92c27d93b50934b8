using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// The machine's own limit for float32 training: fused multiply-adds per second from a loop that touches only
/// registers, on the vector width the GEMM kernels use (512-bit where <see cref="GemmKernel512{T}"/> runs, else
/// 256-bit FMA). Each thread keeps <see cref="Accumulators"/> independent accumulators, enough to cover the FMA
/// latency on both FMA pipes of current x86 cores, so the loop is bound by FMA throughput alone. One FMA on a
/// vector of L floats counts as 2·L FLOP.
/// </summary>
public static class FmaPeak
{
    /// <summary>Independent accumulator registers per thread (latency 4 × 2 pipes = 8 would do; 12 leaves slack).</summary>
    public const int Accumulators = 12;

    private const int InnerIterations = 1 << 16;

    /// <summary>The instruction set the peak is measured for: "avx512", "avx2-fma" or "none".</summary>
    public static string Isa => GemmKernel512<float>.IsSupported && Avx512F.IsSupported ? "avx512"
        : Fma.IsSupported ? "avx2-fma" : "none";

    /// <summary>
    /// Measures the FMA peak on <paramref name="threads"/> threads running at once for about
    /// <paramref name="seconds"/>, and returns the best of <paramref name="repeats"/> tries in GFLOP/s
    /// (0 where the CPU has no vector FMA).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If threads, seconds or repeats are not positive.</exception>
    public static FmaPeakResult Measure(int threads, double seconds = 0.25, int repeats = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        string isa = Isa;
        if (isa == "none") return new FmaPeakResult(isa, threads, 0);
        Func<long, float> loop = isa == "avx512" ? Loop512 : Loop256;
        int lanes = isa == "avx512" ? 16 : 8;
        loop(1); // JIT both tiers before timing
        double best = 0;
        for (int r = 0; r < repeats; r++)
        {
            long iterations = 0;
            var barrier = new Barrier(threads + 1);
            var workers = new Thread[threads];
            var done = new long[threads];
            for (int t = 0; t < threads; t++)
            {
                int id = t;
                workers[t] = new Thread(() =>
                {
                    barrier.SignalAndWait();
                    var start = Stopwatch.GetTimestamp();
                    long n = 0;
                    float sink = 0;
                    while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds) { sink += loop(InnerIterations); n += InnerIterations; }
                    done[id] = float.IsNaN(sink) ? n + 1 : n; // keep the result alive
                }) { IsBackground = true };
                workers[t].Start();
            }
            barrier.SignalAndWait();
            long wallStart = Stopwatch.GetTimestamp();
            foreach (var w in workers) w.Join();
            double wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
            foreach (long n in done) iterations += n;
            best = Math.Max(best, iterations * (double)Accumulators * lanes * 2 / wall / 1e9);
        }
        return new FmaPeakResult(isa, threads, best);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop512(long iterations)
    {
        var a = Vector512.Create(0.999f);
        var b = Vector512.Create(1e-7f);
        Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(c0, a, b); c1 = Avx512F.FusedMultiplyAdd(c1, a, b);
            c2 = Avx512F.FusedMultiplyAdd(c2, a, b); c3 = Avx512F.FusedMultiplyAdd(c3, a, b);
            c4 = Avx512F.FusedMultiplyAdd(c4, a, b); c5 = Avx512F.FusedMultiplyAdd(c5, a, b);
            c6 = Avx512F.FusedMultiplyAdd(c6, a, b); c7 = Avx512F.FusedMultiplyAdd(c7, a, b);
            c8 = Avx512F.FusedMultiplyAdd(c8, a, b); c9 = Avx512F.FusedMultiplyAdd(c9, a, b);
            c10 = Avx512F.FusedMultiplyAdd(c10, a, b); c11 = Avx512F.FusedMultiplyAdd(c11, a, b);
        }
        var sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        return Vector512.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop256(long iterations)
    {
        var a = Vector256.Create(0.999f);
        var b = Vector256.Create(1e-7f);
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b);
            c2 = Fma.MultiplyAdd(c2, a, b); c3 = Fma.MultiplyAdd(c3, a, b);
            c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
            c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b);
            c8 = Fma.MultiplyAdd(c8, a, b); c9 = Fma.MultiplyAdd(c9, a, b);
            c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
        }
        var sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        return Vector256.Sum(sum);
    }
}

/// <summary>A measured FMA peak.</summary>
/// <param name="Isa">Instruction set measured ("avx512", "avx2-fma" or "none").</param>
/// <param name="Threads">Threads that ran the loop at once.</param>
/// <param name="GflopsPerSecond">Best try, in GFLOP/s (2 FLOP per FMA lane).</param>
public sealed record FmaPeakResult(string Isa, int Threads, double GflopsPerSecond)
{
    /// <summary>The share of this peak that <paramref name="gflops"/> reaches, in percent; NaN where no peak was measured.</summary>
    public double PercentReachedBy(double gflops) => GflopsPerSecond > 0 ? 100.0 * gflops / GflopsPerSecond : double.NaN;
}
