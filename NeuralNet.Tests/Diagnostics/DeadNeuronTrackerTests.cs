using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Tests.Diagnostics;

/// <summary>The tracker fed with activity sequences built by hand (10 rows per measurement).</summary>
public class DeadNeuronTrackerTests
{
    private static LayerActivity Relu(params int[] positiveRows)
        => new(0, "relu", true, 10, positiveRows, positiveRows.Select(_ => true).ToArray());

    private static LayerTimeline Track(params LayerActivity[] epochs)
    {
        var tracker = new DeadNeuronTracker();
        for (int e = 0; e < epochs.Length; e++) tracker.Record(e, [epochs[e]]);
        return tracker.Summarize().Single();
    }

    [Test]
    public void BornDead_DeathEpoch_AndRevival()
    {
        // Unit 0: dead at initialization, alive again after epoch 2. Unit 1: dies in epoch 1. Unit 2: dies in epoch 3.
        var timeline = Track(Relu(0, 5, 5), Relu(0, 0, 5), Relu(3, 0, 5), Relu(3, 0, 0));
        Assert.That(timeline.BornDead, Is.EqualTo(1));
        Assert.That(timeline.FirstDeathEpoch, Is.EqualTo(1));
        Assert.That(timeline.DeathEpochs, Is.EqualTo(new int?[] { null, 1, 3 }));
        Assert.That(timeline.Revived, Is.EqualTo(1));
        Assert.That(timeline.RevivedUnits, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void BornDeadAndNeverRevived_HasDeathEpochZero_AndNoDeathInTraining()
    {
        var timeline = Track(Relu(0, 4), Relu(0, 4), Relu(0, 4));
        Assert.That(timeline.BornDead, Is.EqualTo(1));
        Assert.That(timeline.DeathEpochs, Is.EqualTo(new int?[] { 0, null }));
        Assert.That(timeline.FirstDeathEpoch, Is.Null);
        Assert.That(timeline.Revived, Is.Zero);
    }

    [Test]
    public void BornDead_Revived_ThenDyingAgain_IsADeathInTraining()
    {
        // The only unit is born dead, revives after epoch 1 and dies again in epoch 3: it died in training, in epoch 3.
        var timeline = Track(Relu(0), Relu(2), Relu(2), Relu(0));
        Assert.That(timeline.BornDead, Is.EqualTo(1));
        Assert.That(timeline.Revived, Is.EqualTo(1));
        Assert.That(timeline.DeathEpochs, Is.EqualTo(new int?[] { 3 }));
        Assert.That(timeline.FirstDeathEpoch, Is.EqualTo(3));
    }

    [Test]
    public void DeathEpoch_IsTheStartOfTheCurrentSilence()
    {
        // Dies in epoch 1, revives in 2, dies again in 4: it has been dead since epoch 4.
        var timeline = Track(Relu(5), Relu(0), Relu(5), Relu(5), Relu(0), Relu(0));
        Assert.That(timeline.DeathEpochs, Is.EqualTo(new int?[] { 4 }));
        Assert.That(timeline.FirstDeathEpoch, Is.EqualTo(1));
        Assert.That(timeline.RevivedUnits, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void InactiveLeakyUnits_AreNotDead()
    {
        // LeakyReLU units that are positive on no row still pass gradient: inactive, so never born dead, dead or revived.
        var leaky = (int[] rows) => new LayerActivity(0, "leaky-relu", true, 10, rows, rows.Select(_ => false).ToArray());
        var timeline = Track(leaky([0, 5]), leaky([3, 0]), leaky([3, 5]));
        Assert.That((timeline.BornDead, timeline.Revived, timeline.FirstDeathEpoch), Is.EqualTo((0, 0, (int?)null)));
        Assert.That(timeline.DeathEpochs, Is.All.Null);
    }

    [Test]
    public void SeveralLayers_AreTrackedSeparately()
    {
        var tracker = new DeadNeuronTracker();
        tracker.Record(0, [Relu(0, 1), Relu(1, 1, 1) with { Layer = 1 }]);
        tracker.Record(1, [Relu(1, 1), Relu(0, 0, 1) with { Layer = 1 }]);
        var timelines = tracker.Summarize();
        Assert.That(timelines.Select(t => t.BornDead), Is.EqualTo(new[] { 1, 0 }));
        Assert.That(timelines.Select(t => t.Revived), Is.EqualTo(new[] { 1, 0 }));
        Assert.That(timelines[1].DeathEpochs, Is.EqualTo(new int?[] { 1, 1, null }));
    }

    [Test]
    public void ChangingShapes_AreRefused()
    {
        var tracker = new DeadNeuronTracker();
        tracker.Record(0, [Relu(1, 1)]);
        Assert.Throws<ArgumentException>(() => tracker.Record(1, [Relu(1, 1, 1)]));
        Assert.Throws<ArgumentException>(() => tracker.Record(1, [Relu(1, 1), Relu(1, 1)]));
    }
}
