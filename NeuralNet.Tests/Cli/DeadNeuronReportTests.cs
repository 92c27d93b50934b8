using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Cli;

public class DeadNeuronReportTests
{
    private static LayerDeadStats Stats(int layer, string activation, int units, int dead, int inactive = 0, int nearDead = 0)
        => new(layer, activation, units, dead, inactive, nearDead, Enumerable.Range(0, dead).ToList(), Enumerable.Range(0, inactive).ToList(), 0.5);

    [Test]
    public void DeadShareAboveTenPercent_GetsTheIssuesVerdictAndAdvice()
    {
        var verdict = DeadNeuronReport.Verdict([Stats(0, "relu", 16, 0), Stats(1, "relu", 32, 14)], null, "training row", "glorot-uniform");

        Assert.That(verdict, Has.Count.EqualTo(1));
        Assert.That(verdict[0], Is.EqualTo(
            "layer 1: 14 of 32 ReLU units (44%) are dead: they output 0 for every training row and can no longer learn. " +
            "Try --activation leaky-relu, a lower --lr or --init he-normal."));
    }

    [Test]
    public void FewDeadUnits_AreReportedWithoutAdvice()
    {
        var verdict = DeadNeuronReport.Verdict([Stats(0, "relu", 64, 3)], null, "training row", "he-normal");

        Assert.That(verdict[0], Does.EndWith("can no longer learn."));
    }

    [Test]
    public void WholeDeadLayer_SaysTheOutputIsConstant()
    {
        var verdict = DeadNeuronReport.Verdict([Stats(0, "relu", 8, 8)], null, "training row", "he-normal");

        Assert.That(verdict[0], Does.StartWith("layer 0: all 8 ReLU units are dead").And.Contain("the network's output is constant"));
    }

    [Test]
    public void InactiveLeakyUnits_AreNotCalledDead()
    {
        var verdict = DeadNeuronReport.Verdict([Stats(0, "leaky-relu", 10, 0, inactive: 2)], null, "training row", "he-normal");

        Assert.That(verdict[0], Is.EqualTo(
            "layer 0: 2 of 10 LeakyReLU units (20%) are inactive: negative for every training row, but their negative slope still passes gradient, so they can recover."));
    }

    [Test]
    public void HealthyNetwork_SaysSo()
    {
        var verdict = DeadNeuronReport.Verdict([Stats(0, "relu", 10, 0)], null, "training row", "he-normal");

        Assert.That(verdict, Is.EqualTo(new[] { "no dead units: every hidden unit is positive for some training row." }));
    }

    [Test]
    public void Table_HasTheTimelineColumns_WhenThereIsATimeline()
    {
        var timeline = new[] { new LayerTimeline(0, BornDead: 1, Revived: 2, FirstDeathEpoch: 7, DeathEpochs: [], RevivedUnits: [0, 1]) };

        var table = DeadNeuronReport.Table([Stats(0, "relu", 16, 3, nearDead: 1)], timeline);

        Assert.That(table.Headers, Is.EqualTo(new[] { "layer", "activation", "units", "dead", "inactive", "near-dead", "dormant (τ=0.025)", "born dead", "revived", "first death", "zero fraction" }));
        Assert.That(table.Rows[0], Is.EqualTo(new[] { "0", "relu", "16", "3", "0", "1", "0", "1", "2", "epoch 7", "50%" }));
    }

    [Test]
    public void EpochLine_MatchesTheDocumentedShape()
    {
        var metrics = new EpochMetrics(12, 0.31214, 0.9, 0.34101, 0.93333, [Stats(0, "relu", 32, 1), Stats(1, "relu", 16, 2)], TimeSpan.FromMilliseconds(4.2));

        Assert.That(EpochLine.Format(metrics, 200, "acc", verbose: false),
            Is.EqualTo("epoch  12/200  loss   0.3121  val_loss   0.3410  val_acc   0.9333    4 ms  dead  3/48"));
    }

    [Test]
    public void EpochLines_AreFixedWidth_WhenTheLossTurnsToExponentForm()
    {
        var early = new EpochMetrics(1, 0.31214, 0.9, 0.34101, 0.93333, [Stats(0, "relu", 32, 1)], TimeSpan.FromMilliseconds(4));
        var late = new EpochMetrics(200, 0.00028581, 1.0, 0.00031, 1.0, [Stats(0, "relu", 32, 12)], TimeSpan.FromMilliseconds(321));

        string a = EpochLine.Format(early, 200, "acc", verbose: false), b = EpochLine.Format(late, 200, "acc", verbose: false);

        Assert.That(b, Does.Contain("2.858e-4"));
        Assert.That(a, Has.Length.EqualTo(b.Length));
        // Every field starts in the same column.
        foreach (var field in new[] { "loss", "val_loss", "val_acc", "ms", "dead" })
            Assert.That(a.IndexOf(" " + field + " ", StringComparison.Ordinal), Is.EqualTo(b.IndexOf(" " + field + " ", StringComparison.Ordinal)), field);
    }

    [TestCase(1234.5678, "1.235e3")]
    [TestCase(14443386690388.0, "1.444e13")]
    public void EpochLines_AreFixedWidth_WhenTheLossIsLarge(double loss, string shown)
    {
        var usual = new EpochMetrics(1, 0.31214, 0.9, 0.34101, 0.93333, [Stats(0, "relu", 32, 1)], TimeSpan.FromMilliseconds(4));
        var large = new EpochMetrics(2, loss, 0.9, 0.34101, 0.93333, [Stats(0, "relu", 32, 1)], TimeSpan.FromMilliseconds(4));

        string a = EpochLine.Format(usual, 9, "acc", verbose: false), b = EpochLine.Format(large, 9, "acc", verbose: false);

        Assert.That(b, Does.Contain($"loss {shown.PadLeft(EpochLine.NumberWidth)}"));
        Assert.That(b, Has.Length.EqualTo(a.Length));
    }

    [TestCase(0.00012345, "1.235e-4")]
    [TestCase(14443386690388.0, "1.444e13")]
    [TestCase(-2.5e7, "-2.500e7")]
    [TestCase(999999.0, "999999.0000")]
    [TestCase(1.5, "1.5000")]
    [TestCase(double.NaN, "nan")]
    public void Values_AreFormattedLikeKeras(double value, string expected)
        => Assert.That(Format.Value(value), Is.EqualTo(expected));
}
