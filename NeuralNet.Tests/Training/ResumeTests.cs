using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>
/// A run cancelled after any number of batches (mid-epoch or at a boundary) and resumed from its
/// <see cref="TrainingResult.State"/> ends with weights bit-identical to a run that was never interrupted.
/// </summary>
public class ResumeTests
{
    private const int Epochs = 6;

    private static (Mlp<T> Net, Trainer<T> Trainer) Build<T>(Rng rng, ILoss<T> loss, int? patience) where T : struct, IFloatingPointIeee754<T>
    {
        var net = Mlp<T>.Create(new MlpSpec(2, [8, 8], 1, new ActivationSpec("prelu", PerUnitAlpha: true)), rng);
        var options = new TrainerOptions { Epochs = Epochs, BatchSize = 16, Patience = patience, DeadNeurons = new(Every: 2) };
        return (net, new Trainer<T>(net, loss, new Adam<T>(net.Parameters, 0.01), rng, options));
    }

    private static T[][] Uninterrupted<T>(Dataset<T> data, Dataset<T> validation, int? patience) where T : struct, IFloatingPointIeee754<T>
    {
        var (net, trainer) = Build(new Rng(5), new MeanSquaredError<T>(), patience);
        trainer.Fit(data, validation);
        return net.CopyValues();
    }

    private static T[][] InterruptedAndResumed<T>(Dataset<T> data, Dataset<T> validation, int cancelAfter, int? patience)
        where T : struct, IFloatingPointIeee754<T>
    {
        using var cts = new CancellationTokenSource();
        var (_, first) = Build(new Rng(5), new CancellingLoss<T>(new MeanSquaredError<T>(), cancelAfter, cts), patience);
        var stopped = first.Fit(data, validation, cts.Token);
        Assert.That(stopped.StopReason, Is.EqualTo(StopReason.Cancelled));
        // A fresh process: a new network, generator and optimizer, all overwritten by the state.
        var (net, second) = Build(new Rng(999), new MeanSquaredError<T>(), patience);
        var resumed = second.Fit(data, validation, resume: stopped.State);
        Assert.That(resumed.History.Select(h => h.Epoch), Is.EqualTo(Enumerable.Range(0, resumed.EpochsRun + 1)));
        return net.CopyValues();
    }

    [TestCase(1)]   // in the first batch
    [TestCase(6)]   // the first batch of epoch 2 (96 rows / 16 = 6 batches per epoch, so the 7th call)
    [TestCase(7)]
    [TestCase(16)]  // mid-epoch 3
    public void CancelledAfterKBatches_ResumesToBitIdenticalWeights_Float32(int cancelAfter)
    {
        var data = TrainingData.Linear<float>(96, [2, -3], seed: 8);
        var validation = TrainingData.Linear<float>(32, [2, -3], seed: 9);
        Assert.That(InterruptedAndResumed(data, validation, cancelAfter, null), Is.EqualTo(Uninterrupted(data, validation, null)));
    }

    [TestCase(11)]
    public void WithEarlyStoppingState_ResumesToBitIdenticalWeights_Float64(int cancelAfter)
    {
        var data = TrainingData.Linear<double>(96, [2, -3], seed: 8);
        var validation = TrainingData.Linear<double>(32, [2, -3], seed: 9);
        Assert.That(InterruptedAndResumed(data, validation, cancelAfter, 2), Is.EqualTo(Uninterrupted(data, validation, 2)));
    }

    [Test]
    public void CheckpointEvery_RaisesStatesThatResumeToTheSameWeights()
    {
        var data = TrainingData.Linear<float>(96, [2, -3], seed: 8);
        var validation = TrainingData.Linear<float>(32, [2, -3], seed: 9);
        var rng = new Rng(5);
        var net = Mlp<float>.Create(new MlpSpec(2, [8, 8], 1, new ActivationSpec("prelu", PerUnitAlpha: true)), rng);
        var trainer = new Trainer<float>(net, new MeanSquaredError<float>(), new Adam<float>(net.Parameters, 0.01), rng,
            new TrainerOptions { Epochs = Epochs, BatchSize = 16, CheckpointEvery = 2 });
        var states = new List<TrainerState>();
        trainer.CheckpointReady += states.Add;
        trainer.Fit(data, validation);

        Assert.That(states.Select(s => s.Epoch), Is.EqualTo(new[] { 2, 4, 6 }));
        var (resumedNet, resumed) = Build(new Rng(1), new MeanSquaredError<float>(), null);
        resumed.Fit(data, validation, resume: states[0]);
        Assert.That(resumedNet.CopyValues(), Is.EqualTo(net.CopyValues()));
    }
}
