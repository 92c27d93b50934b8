using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// A layer's two gradient products run side by side (<see cref="Gemm.WeightAndInputGradients{T}"/>): the same values as the
/// reference multiply, the same bits as the two products one after the other, on every route and thread count.
/// </summary>
[TestFixture]
public sealed class GemmPairTests
{
    private static (Matrix<float> X, Matrix<float> Dz, Matrix<float> W) Operands(int rows, int inputs, int units, int seed)
    {
        var rng = new Random(seed);
        Matrix<float> Random(int r, int c) => Matrix<float>.Build.Dense(r, c, (_, _) => (float)(rng.NextDouble() * 2 - 1));
        return (Random(rows, inputs), Random(rows, units), Random(inputs, units));
    }

    /// <summary>dW and dx through the pair, with dW starting from <paramref name="dwStart"/> when accumulating.</summary>
    private static (Matrix<float> Dw, Matrix<float> Dx) Pair(Matrix<float> x, Matrix<float> dz, Matrix<float> w, Matrix<float> dwStart, bool accumulate)
    {
        var dw = dwStart.Clone();
        var dx = Matrix<float>.Build.Dense(x.RowCount, x.ColumnCount, 9f); // overwritten
        Gemm.WeightAndInputGradients(x, dz, w, dw, accumulate, dx);
        return (dw, dx);
    }

    [TestCase(false), TestCase(true)]
    public void Matches_the_reference_multiply(bool accumulate)
    {
        var (x, dz, w) = Operands(128, 256, 128, seed: 1);
        var dwStart = Matrix<float>.Build.Dense(256, 128, (i, j) => (i - j) * 0.01f);
        (Matrix<float> Dw, Matrix<float> Dx) expected;
        using (new GemmSettings(reference: true)) expected = Pair(x, dz, w, dwStart, accumulate);
        var actual = Pair(x, dz, w, dwStart, accumulate);
        AssertClose(actual.Dw, expected.Dw, "dW");
        AssertClose(actual.Dx, expected.Dx, "dx");
    }

    private static void AssertClose(Matrix<float> actual, Matrix<float> expected, string what)
    {
        // Sums of 128–256 products of values in [-1, 1]: a relative 1e-4 is far above float rounding.
        for (int i = 0; i < actual.RowCount; i++)
            for (int j = 0; j < actual.ColumnCount; j++)
                Assert.That(actual[i, j], Is.EqualTo(expected[i, j]).Within(1e-4f * (1 + Math.Abs(expected[i, j]))), $"{what}[{i},{j}]");
    }

    [TestCase(128, 256, 128, false), TestCase(70, 90, 50, false), TestCase(16, 4, 3, false),
     TestCase(128, 256, 128, true), TestCase(40, 30, 20, true), TestCase(16, 4, 3, true)]
    public void Side_by_side_gives_the_bits_of_the_products_in_turn_on_any_thread_count(int rows, int inputs, int units, bool defaultSizes)
    {
        // Forced packed (small-product threshold 0), or the default threshold.
        var (x, dz, w) = Operands(rows, inputs, units, seed: rows + inputs);
        var dwStart = Matrix<float>.Build.Dense(inputs, units, 0.5f);
        var dwTurn = dwStart.Clone();
        var dxTurn = Matrix<float>.Build.Dense(rows, inputs);
        int previous = Gemm.MaxThreads;
        try
        {
            using (new GemmSettings(path: defaultSizes ? GemmPath.Auto : GemmPath.Packed))
            {
                Gemm.MaxThreads = 1;
                Gemm.TransposeThisAndMultiply(x, dz, dwTurn, accumulate: true);
                Gemm.TransposeAndMultiply(dz, w, dxTurn);
            }
            foreach (int threads in new[] { 1, 2, 4 })
            {
                // ParallelWork 0 and no measuring: the pair always runs side by side where a second thread exists.
                using var _ = new GemmSettings(path: defaultSizes ? GemmPath.Auto : GemmPath.PackedThreaded);
                GemmEngine.ParallelWork = 0;
                GemmEngine.MeasureThreads = false;
                Gemm.MaxThreads = threads;
                for (int call = 0; call < 5; call++)
                {
                    var (dw, dx) = Pair(x, dz, w, dwStart, accumulate: true);
                    Assert.That(dw.Enumerate(), Is.EqualTo(dwTurn.Enumerate()), $"dW, {threads} threads");
                    Assert.That(dx.Enumerate(), Is.EqualTo(dxTurn.Enumerate()), $"dx, {threads} threads");
                }
            }
        }
        finally
        {
            Gemm.MaxThreads = previous;
        }
    }

    /// <summary>
    /// What a thread that steals blocks of the other's product relies on: the product cut into blocks of whole
    /// micro-tiles, in any order, along the dimension the pair cuts it (rows of xᵀ·dz, columns of dz·Wᵀ), gives the
    /// bits of the whole product. Checked deterministically here, since which blocks get stolen depends on timing.
    /// </summary>
    [TestCase(128, 256, 128), TestCase(70, 90, 50), TestCase(33, 200, 13)]
    public unsafe void A_product_cut_into_blocks_of_tiles_gives_the_bits_of_the_whole(int rows, int inputs, int units)
    {
        var (x, dz, w) = Operands(rows, inputs, units, seed: rows * 7 + units);
        (int mr, int nr) = GemmEngine.Tile<float>();
        foreach (int block in new[] { 1, 2, 3 })
        {
            var dwWhole = Matrix<float>.Build.Dense(inputs, units, 0.25f);
            var dwBlocks = dwWhole.Clone();
            var dxWhole = Matrix<float>.Build.Dense(rows, inputs);
            var dxBlocks = Matrix<float>.Build.Dense(rows, inputs);
            fixed (float* px = x.Data(), pdz = dz.Data(), pw = w.Data(), pdw1 = dwWhole.Data(), pdw2 = dwBlocks.Data(),
                   pdx1 = dxWhole.Data(), pdx2 = dxBlocks.Data())
            {
                var xt = new GemmOperand<float>(px, rows, true);
                var dzOp = new GemmOperand<float>(pdz, rows, false);
                var wt = new GemmOperand<float>(pw, inputs, true);
                GemmEngine.RunPacked(inputs, units, rows, xt, dzOp, pdw1, inputs, accumulate: true);
                GemmEngine.RunPacked(rows, inputs, units, dzOp, wt, pdx1, rows, accumulate: false);
                // Back to front, as a stealing thread takes them.
                for (int end = inputs; end > 0; end -= block * mr)
                {
                    int start = Math.Max(0, end - block * mr);
                    GemmEngine.RunPacked(end - start, units, rows, xt.Offset(start, 0), dzOp, pdw2 + start, inputs, accumulate: true);
                }
                for (int end = inputs; end > 0; end -= block * nr)
                {
                    int start = Math.Max(0, end - block * nr);
                    GemmEngine.RunPacked(rows, end - start, units, dzOp, wt.Offset(0, start), pdx2 + (nint)start * rows, rows, accumulate: false);
                }
            }
            Assert.That(dwBlocks.Enumerate(), Is.EqualTo(dwWhole.Enumerate()), $"dW in blocks of {block} tiles");
            Assert.That(dxBlocks.Enumerate(), Is.EqualTo(dxWhole.Enumerate()), $"dx in blocks of {block} tiles");
            AssertClose(dwWhole, Reference(x.Transpose() * dz, 0.25f), "dW");
        }
    }

    private static Matrix<float> Reference(Matrix<float> product, float start) => product + start;

    [Test]
    public void Allocates_nothing_after_warm_up()
    {
        using var _ = new GemmSettings(path: GemmPath.PackedThreaded);
        var (x, dz, w) = Operands(70, 90, 50, seed: 3);
        var dw = Matrix<float>.Build.Dense(90, 50);
        var dx = Matrix<float>.Build.Dense(70, 90);
        for (int i = 0; i < 200; i++) Gemm.WeightAndInputGradients(x, dz, w, dw, true, dx);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Gemm.WeightAndInputGradients(x, dz, w, dw, true, dx);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
    }

    [Test]
    public void Mismatched_shapes_or_one_matrix_for_both_results_are_refused()
    {
        var (x, dz, w) = Operands(8, 6, 4, seed: 4);
        Assert.Throws<ArgumentException>(() => Gemm.WeightAndInputGradients(x, dz, w, Matrix<float>.Build.Dense(6, 5), false, Matrix<float>.Build.Dense(8, 6)));
        Assert.Throws<ArgumentException>(() => Gemm.WeightAndInputGradients(x, dz, w, Matrix<float>.Build.Dense(6, 4), false, Matrix<float>.Build.Dense(8, 5)));
        var both = Matrix<float>.Build.Dense(6, 6);
        var square = Operands(8, 6, 6, seed: 5);
        Assert.Throws<ArgumentException>(() => Gemm.WeightAndInputGradients(square.X, square.Dz, square.W, both, false, both));
    }
}
