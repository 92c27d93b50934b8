using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// A product's column epilogue (<see cref="GemmEpilogue"/>): on every route and thread count, each column is handed
/// to it exactly once, in whole groups of 16 (the last may be shorter), and only once the product's value is final.
/// </summary>
[TestFixture]
public sealed class GemmEpilogueTests
{
    /// <summary>Copies each column range it is given out of the result, and counts the visits of every column.</summary>
    private sealed class Recorder(Matrix<float> result) : IRangeBody
    {
        public readonly Matrix<float> Seen = Matrix<float>.Build.Dense(result.RowCount, result.ColumnCount, float.NaN);
        public readonly int[] Visits = new int[result.ColumnCount];
        public readonly System.Collections.Concurrent.ConcurrentBag<(int Start, int End)> Ranges = [];

        public void Run(int start, int end)
        {
            Ranges.Add((start, end));
            for (int j = start; j < end; j++)
            {
                Interlocked.Increment(ref Visits[j]);
                for (int i = 0; i < result.RowCount; i++) Seen[i, j] = result[i, j];
            }
        }
    }

    [TestCase(GemmPath.Direct, 1), TestCase(GemmPath.Packed, 1), TestCase(GemmPath.PackedThreaded, 2), TestCase(GemmPath.PackedThreaded, 4)]
    public void Every_column_is_handed_over_once_in_groups_after_it_is_final(GemmPath path, int threads)
    {
        int previous = Gemm.MaxThreads;
        try
        {
            using var _ = new GemmSettings(path: path);
            Gemm.MaxThreads = threads;
            foreach (var (m, n, k) in new[] { (128, 256, 100), (64, 70, 33), (16, 10, 8), (40, 1, 5) })
            {
                var rng = new Random(m + n + k);
                var a = Matrix<float>.Build.Dense(m, k, (_, _) => (float)rng.NextDouble());
                var b = Matrix<float>.Build.Dense(k, n, (_, _) => (float)rng.NextDouble());
                var c = Matrix<float>.Build.Dense(m, n);
                var plain = Matrix<float>.Build.Dense(m, n);
                Gemm.Multiply(a, b, plain);
                var recorder = new Recorder(c);
                Gemm.Multiply(a, b, c, recorder);
                Assert.That(recorder.Visits, Is.All.EqualTo(1), $"{m}×{n}×{k}: each column once");
                Assert.That(recorder.Seen.Enumerate(), Is.EqualTo(plain.Enumerate()), $"{m}×{n}×{k}: the epilogue saw the final values");
                Assert.That(c.Enumerate(), Is.EqualTo(plain.Enumerate()), $"{m}×{n}×{k}: same product as without an epilogue");
                foreach (var (start, end) in recorder.Ranges)
                    Assert.That(start % GemmEpilogue.Group == 0 && (end % GemmEpilogue.Group == 0 || end == n), Is.True,
                        $"{m}×{n}×{k}: range [{start}, {end}) is whole groups");
            }
        }
        finally
        {
            Gemm.MaxThreads = previous;
        }
    }

    [Test]
    public void The_reference_multiply_runs_the_epilogue_too()
    {
        using var _ = new GemmSettings(reference: true);
        var a = Matrix<float>.Build.Dense(5, 3, 1f);
        var b = Matrix<float>.Build.Dense(3, 20, 2f);
        var c = Matrix<float>.Build.Dense(5, 20);
        var recorder = new Recorder(c);
        Gemm.Multiply(a, b, c, recorder);
        Assert.That(recorder.Visits, Is.All.EqualTo(1));
        Assert.That(recorder.Seen.Enumerate(), Is.All.EqualTo(6f));
    }
}
