using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>Allocation-freedom and thread safety of the multiply (no timings: speed lives in the benchmark).</summary>
[TestFixture]
public sealed class GemmThreadingTests
{
    [TestCase(GemmPath.Direct), TestCase(GemmPath.Packed), TestCase(GemmPath.PackedThreaded)]
    public void Multiply_allocates_nothing_after_warm_up(GemmPath path)
    {
        using var _ = new GemmSettings(path: path);
        var a = Matrix<float>.Build.Dense(70, 90, 0.5f);
        var b = Matrix<float>.Build.Dense(90, 50, 0.25f);
        var c = Matrix<float>.Build.Dense(70, 50);
        var ct = Matrix<float>.Build.Dense(90, 50);
        var cn = Matrix<float>.Build.Dense(70, 90);
        void All()
        {
            Gemm.Multiply(a, b, c);
            Gemm.TransposeThisAndMultiply(a, c, ct, accumulate: true);
            Gemm.TransposeAndMultiply(c, b, cn);
        }
        // Enough calls for tiered compilation to settle. Counted on the calling thread: the process-wide count also
        // sees the JIT's and the test host's own threads.
        for (int i = 0; i < 200; i++) All();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) All();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.EqualTo(0));
    }

    [Test]
    public void Concurrent_callers_get_correct_products()
    {
        // Two threads contend for the worker pool: the loser runs single-threaded, both must be right.
        using var _ = new GemmSettings(path: GemmPath.PackedThreaded);
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, 3).Select(t => new Thread(() =>
        {
            try
            {
                for (int r = 0; r < 5; r++)
                    GemmTests.Check<float>(60 + t, 70, 80, GemmTests.Product.AB, accumulate: r % 2 == 0, seed: t * 10 + r);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.That(failures, Is.Empty);
    }
}
