using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Training;

public class BatchSourceTests
{
    // Features: row i is (i, 10·i); targets: row i is (−i).
    private static readonly Matrix<double> X = Matrix<double>.Build.Dense(7, 2, (i, c) => c == 0 ? i : 10 * i);
    private static readonly Matrix<double> Y = Matrix<double>.Build.Dense(7, 1, (i, _) => -i);

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
}
