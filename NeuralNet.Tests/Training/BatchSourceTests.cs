using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Training;

public class BatchSourceTests
{
    // Features: row i is (i, 10·i); targets: row i is (−i).
    private static readonly Matrix<double> X = Matrix<double>.Build.Dense(7, 2, (i, c) => c == 0 ? i : 10 * i);
    private static readonly Matrix<double> Y = Matrix<double>.Build.Dense(7, 1, (i, _) => -i);

    [TestCase(3, 7, 3)]
    [TestCase(7, 7, 1)]
    [TestCase(int.MaxValue, 7, 1)] // rows + batch − 1 overflowed int: 0 batches, an epoch that trained nothing
    [TestCase(int.MaxValue, int.MaxValue, 1)]
    public void BatchCount_IsTheRowsDividedRoundingUp_ForAnyBatchSize(int batch, int rows, int expected)
    {
        var source = new BatchSource<double>(batch);

        Assert.That(source.BatchCount(rows), Is.EqualTo(expected));
        Assert.That(source.Ordered(X, Y, [6, 0, 5, 1, 4, 2, 3]).Count(), Is.EqualTo(source.BatchCount(7)));
    }

    [Test]
    public void Ordered_FollowsThePermutation_LastBatchSmaller()
    {
        int[] order = [6, 0, 5, 1, 4, 2, 3];
        var batches = new BatchSource<double>(3).Ordered(X, Y, order)
            .Select(b => (b.Features.Column(0).ToArray(), b.Features.Column(1).ToArray(), b.Targets.Column(0).ToArray())).ToList();
        Assert.That(batches.Select(b => b.Item1), Is.EqualTo(new[] { new[] { 6.0, 0, 5 }, [1.0, 4, 2], [3.0] }));
        Assert.That(batches.Select(b => b.Item2), Is.EqualTo(new[] { new[] { 60.0, 0, 50 }, [10.0, 40, 20], [30.0] }));
        Assert.That(batches.Select(b => b.Item3), Is.EqualTo(new[] { new[] { -6.0, 0, -5 }, [-1.0, -4, -2], [-3.0] }));
    }

    [Test]
    public void Sequential_CoversEveryRowOnceInOrder()
    {
        var source = new BatchSource<double>(3);
        Assert.That(source.BatchCount(7), Is.EqualTo(3));
        var rows = source.Sequential(X, Y).SelectMany(b => b.Features.Column(0).ToArray()).ToArray();
        Assert.That(rows, Is.EqualTo(new[] { 0.0, 1, 2, 3, 4, 5, 6 }));
        Assert.That(new BatchSource<double>(10).Sequential(X, null).Single().Features, Is.SameAs(X));
    }

    [Test]
    public void Ordered_from_a_row_major_copy_gives_the_same_batches()
    {
        // Wide enough to cross the gather's 16-row × 64-column tiles and the copy's 32 × 32 tiles.
        var rng = new Random(3);
        var x = Matrix<double>.Build.Dense(45, 70, (_, _) => rng.NextDouble());
        var y = Matrix<double>.Build.Dense(45, 3, (_, _) => rng.NextDouble());
        var order = Enumerable.Range(0, 45).OrderBy(_ => rng.Next()).ToArray();
        double[] rowMajor = BatchSource<double>.ToRowMajor(x);
        Assert.That(rowMajor[2 * 70 + 5], Is.EqualTo(x[2, 5]));
        var expected = new BatchSource<double>(20).Ordered(x, y, order).Select(b => (b.Features.Clone(), b.Targets.Clone())).ToList();
        var actual = new BatchSource<double>(20).Ordered(x, rowMajor, y, order).Select(b => (b.Features.Clone(), b.Targets.Clone())).ToList();
        Assert.That(actual.Select(b => b.Item1.ToArray()), Is.EqualTo(expected.Select(b => b.Item1.ToArray())));
        Assert.That(actual.Select(b => b.Item2.ToArray()), Is.EqualTo(expected.Select(b => b.Item2.ToArray())));
        Assert.Throws<ArgumentException>(() => new BatchSource<double>(20).Ordered(x, new double[3], y, order).ToList());
    }

    [TestCase(int.MaxValue, 29, 70), TestCase(1, 29, 70), TestCase(1, 128, 784), TestCase(1, 40, 203)]
    public void Float_rows_gather_in_register_blocks_on_one_or_both_cores_exactly(int parallelLength, int batch, int columns)
    {
        // float takes the 8 × 8 register-block route; 29 rows per batch = a 16-row pair, one group of 8, and 5 rows
        // left one by one; 70 columns = a whole 64-column tile and a ragged one; on both cores each takes a range of
        // columns (M's 784 are cut at 384; 203 leaves ragged ranges). Compared with the column-major gather.
        int saved = NeuralNet.Core.Kernels.ParallelRanges.ParallelLength;
        NeuralNet.Core.Kernels.ParallelRanges.ParallelLength = parallelLength;
        try
        {
            var rng = new Random(4);
            var x = Matrix<float>.Build.Dense(300, columns, (_, _) => (float)rng.NextDouble());
            var y = Matrix<float>.Build.Dense(300, 2, (_, _) => (float)rng.NextDouble());
            var order = Enumerable.Range(0, 300).OrderBy(_ => rng.Next()).ToArray();
            var expected = new BatchSource<float>(batch).Ordered(x, y, order).Select(b => b.Features.ToArray()).ToList();
            var actual = new BatchSource<float>(batch).Ordered(x, BatchSource<float>.ToRowMajor(x), y, order)
                .Select(b => b.Features.ToArray()).ToList();
            Assert.That(actual, Is.EqualTo(expected));
        }
        finally
        {
            NeuralNet.Core.Kernels.ParallelRanges.ParallelLength = saved;
        }
    }

    [Test]
    public void GatherBatch_gives_the_batches_Ordered_yields_and_refuses_an_index_outside_the_epoch()
    {
        double[] rowMajor = BatchSource<double>.ToRowMajor(X);
        int[] order = [6, 0, 5, 1, 4, 2, 3];
        var expected = new BatchSource<double>(3).Ordered(X, Y, order).Select(b => (b.Features.ToArray(), b.Targets.ToArray())).ToList();
        var source = new BatchSource<double>(3);
        var actual = Enumerable.Range(0, source.BatchCount(order.Length))
            .Select(i => source.GatherBatch(X.ColumnCount, rowMajor, Y, order, i))
            .Select(b => (b.Features.ToArray(), b.Targets.ToArray())).ToList();
        Assert.That(actual, Is.EqualTo(expected));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.GatherBatch(X.ColumnCount, rowMajor, Y, order, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.GatherBatch(X.ColumnCount, rowMajor, Y, order, -1));
        Assert.Throws<ArgumentException>(() => source.GatherBatch(X.ColumnCount + 1, rowMajor, Y, order, 0));
    }
}
