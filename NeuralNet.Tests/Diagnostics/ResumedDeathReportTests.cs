using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;
using NeuralNet.Tests.Training;

namespace NeuralNet.Tests.Diagnostics;

/// <summary>
/// A run cancelled anywhere and resumed from its state reports the same deaths as one that never stopped: the same
/// causes (epoch, last active batch, weight and bias change, verdict) and the same timeline (born dead, revived, first
/// death, recycled), with dead neurons measured every epoch or every third, with and without recycling.
/// </summary>
public class ResumedDeathReportTests
{
    private const int Epochs = 9;
    private static readonly Dataset<double> Data = TrainingData.Linear<double>(256, [1, -2, 0.5, 3], seed: 1);

    private static Trainer<double> Build(Rng rng, ILoss<double> loss, int every, RecycleMode recycle)
    {
        // A bias of −1 leaves some units dead at birth; Adam at η = 0.3 kills more while training.
        var net = Mlp<double>.Create(new MlpSpec(4, [16, 16], 1, new ActivationSpec("relu"), HiddenBias: -1), rng);
        var options = new TrainerOptions
        {
            Epochs = Epochs, BatchSize = 32, DeadNeurons = new(Every: every), Recycle = new RecycleOptions(recycle, Every: 4),
        };
        return new Trainer<double>(net, loss, new Adam<double>(net.Parameters, 0.3), rng, options);
    }

    private static TrainingResult Uninterrupted(int every, RecycleMode recycle)
        => Build(new Rng(3), new MeanSquaredError<double>(), every, recycle).Fit(Data);

    /// <summary>The state of the run cancelled after <paramref name="cancelAfter"/> batches.</summary>
    private static TrainerState Stopped(int every, RecycleMode recycle, int cancelAfter)
    {
        using var cts = new CancellationTokenSource();
        var stopped = Build(new Rng(3), new CancellingLoss<double>(new MeanSquaredError<double>(), cancelAfter, cts), every, recycle).Fit(Data, cancellation: cts.Token);
        Assert.That(stopped.StopReason, Is.EqualTo(StopReason.Cancelled));
        return stopped.State!;
    }

    /// <summary>A fresh trainer (other generator, network and optimizer, all overwritten by the state) resumed from <paramref name="state"/>.</summary>
    private static TrainingResult Resume(TrainerState state, int every, RecycleMode recycle)
        => Build(new Rng(999), new MeanSquaredError<double>(), every, recycle).Fit(Data, resume: state);

    [TestCase(1, RecycleMode.Off, 1)]
    [TestCase(1, RecycleMode.Off, 20)]   // mid-epoch 3 (8 batches an epoch)
    [TestCase(1, RecycleMode.Off, 49)]   // the first batch of epoch 7
    [TestCase(3, RecycleMode.Off, 20)]   // epoch 2 finished, last measured at epoch 0: the measured weights are stored
    [TestCase(3, RecycleMode.Off, 44)]   // epoch 5 finished, last measured at epoch 3
    [TestCase(1, RecycleMode.Dead, 38)]  // after the recycling of epoch 4
    [TestCase(3, RecycleMode.Dead, 60)]
    public void ResumedRun_ReportsTheDeathsOfAnUninterruptedOne(int every, RecycleMode recycle, int cancelAfter)
    {
        var expected = Uninterrupted(every, recycle);
        Assert.That(expected.DeathCauses.Count(c => c.Verdict == DeathVerdict.BornDead), Is.Positive, "units born dead");
        Assert.That(expected.DeathCauses.Count(c => c.Verdict != DeathVerdict.BornDead), Is.Positive, "units that died while training");

        var resumed = Resume(Stopped(every, recycle, cancelAfter), every, recycle);

        Assert.That(resumed.DeathCauses, Is.EqualTo(expected.DeathCauses));
        Assert.That(resumed.History.Select(h => h.Causes), Is.EqualTo(expected.History.Select(h => h.Causes)));
        Assert.That(resumed.Timeline.Count, Is.EqualTo(expected.Timeline.Count));
        for (int l = 0; l < expected.Timeline.Count; l++)
        {
            var (a, b) = (resumed.Timeline[l], expected.Timeline[l]);
            Assert.That((a.BornDead, a.Revived, a.FirstDeathEpoch), Is.EqualTo((b.BornDead, b.Revived, b.FirstDeathEpoch)), $"layer {l}");
            Assert.That(a.DeathEpochs, Is.EqualTo(b.DeathEpochs), $"layer {l} death epochs");
            Assert.That(a.RevivedUnits, Is.EqualTo(b.RevivedUnits), $"layer {l} revived units");
            Assert.That(a.RecycleEpochs, Is.EqualTo(b.RecycleEpochs), $"layer {l} recycled");
        }
        if (recycle == RecycleMode.Dead) Assert.That(expected.Timeline.Sum(t => t.Recycled), Is.Positive, "units recycled");
    }

    [Test]
    public void StateWithoutTheMonitor_StillResumes_CountingLastActivityFromTheResume()
    {
        var old = Stopped(1, RecycleMode.Off, 20) with { DeadNeuronMonitor = null }; // as saved before the monitor's state was kept

        var resumed = Resume(old, 1, RecycleMode.Off);

        var expected = Uninterrupted(1, RecycleMode.Off);
        Assert.That(resumed.DeathCauses.Where(c => c.Epoch <= 2), Is.EqualTo(expected.DeathCauses.Where(c => c.Epoch <= 2)), "replayed from the history");
        Assert.That(resumed.Timeline.Select(t => t.BornDead), Is.EqualTo(expected.Timeline.Select(t => t.BornDead)));
    }

    [Test]
    public void MonitorStateOfAnotherNetwork_IsRefused()
    {
        var stopped = Stopped(1, RecycleMode.Off, 20);
        var wrong = stopped with { DeadNeuronMonitor = stopped.DeadNeuronMonitor! with { LastActiveEpoch = [new int[3], new int[16]] } };

        Assert.That(() => Resume(wrong, 1, RecycleMode.Off),
            Throws.ArgumentException.With.Message.Contains("dead-neuron monitor"));
    }
}
