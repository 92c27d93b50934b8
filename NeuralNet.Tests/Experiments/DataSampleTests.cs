using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Experiments;

public class DataSampleTests
{
    // 23 rows: 10 of a, 9 of b, 4 of c, mixed.
    private static readonly string[] Labels = [.. Enumerable.Range(0, 23).Select(i => i % 3 == 0 && i < 12 ? "c" : i % 2 == 0 ? "a" : "b")];
    private static readonly int[] Rows = [.. Enumerable.Range(100, 23)];

    [Test]
    public void KFold_HoldsOutEveryRowExactlyOnce_InFoldsOfNearlyEqualSize()
    {
        var folds = Enumerable.Range(0, 5).Select(k => DataSample.KFold(k, 5, seed: 3).Split(Rows, Labels)).ToList();

        var heldOut = folds.SelectMany(f => f.Validation).ToList();
        Assert.That(heldOut.Order(), Is.EqualTo(Rows), "each row validates once");
        foreach (var (train, validation) in folds)
        {
            Assert.That(train.Concat(validation).Order(), Is.EqualTo(Rows));
            Assert.That(validation.Length, Is.InRange(23 / 5, 23 / 5 + 1));
        }
    }

    [Test]
    public void KFold_IsStratified_EachClassSpreadToWithinOneRowPerFold()
    {
        var label = Rows.Zip(Labels).ToDictionary(p => p.First, p => p.Second);
        var folds = Enumerable.Range(0, 4).Select(k => DataSample.KFold(k, 4, seed: 8).Split(Rows, Labels).Validation).ToList();
        foreach (var cls in new[] { "a", "b", "c" })
        {
            int total = Labels.Count(l => l == cls);
            var perFold = folds.Select(f => f.Count(r => label[r] == cls)).ToList();
            Assert.That(perFold.Sum(), Is.EqualTo(total));
            Assert.That(perFold.Max() - perFold.Min(), Is.LessThanOrEqualTo(1), $"class {cls}: {string.Join(",", perFold)}");
        }
    }

    [Test]
    public void KFold_DependsOnItsSeedOnly()
    {
        var first = DataSample.KFold(1, 3, 5).Split(Rows, Labels).Validation;
        var again = DataSample.KFold(1, 3, 5).Split(Rows, Labels).Validation;
        var otherSeed = DataSample.KFold(1, 3, 6).Split(Rows, Labels).Validation;
        Assert.That(again, Is.EqualTo(first));
        Assert.That(otherSeed, Is.Not.EqualTo(first));
    }

    [Test]
    public void HoldOut_IsTheSplitTrainDrawsFromTheSameSeed()
    {
        var (train, validation) = DataSample.HoldOut(0.25, 11).Split(Rows, Labels);
        var expected = DataSplitter.Split(Rows, Labels, 0.25, new Rng(11));
        Assert.That(train, Is.EqualTo(expected.Train));
        Assert.That(validation, Is.EqualTo(expected.Validation));
    }

    [Test]
    public void KFold_WithMoreFoldsThanRows_IsADataError()
        => Assert.That(() => DataSample.KFold(0, 5, 1).Split([1, 2, 3], (Strata?)null), Throws.TypeOf<DataException>().With.Message.Contain("5 folds need at least 5 rows"));
}
