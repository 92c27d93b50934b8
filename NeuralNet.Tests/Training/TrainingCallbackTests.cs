using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Callbacks;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>The trainer's loop calls its callbacks at the documented points, can be stopped by one, and allocates nothing per step.</summary>
public class TrainingCallbackTests
{
    private static readonly Dataset<float> Train = TrainingData.Linear<float>(200, [1, -2, 0.5, 3], seed: 4);

    private static (Mlp<float> Net, Trainer<float> Trainer) Build(TrainerOptions options)
    {
        var rng = new Rng(5);
        var net = Mlp<float>.Create(new MlpSpec(4, [24, 8], 1, ActivationSpec.Relu), rng);
        return (net, new Trainer<float>(net, new MeanSquaredError<float>(), new Adam<float>(net.Parameters, 0.01), rng, options));
    }

    private sealed class Recorder : ITrainingCallback<float>
    {
        public readonly List<string> Calls = new();
        public long[] Allocated = new long[64];
        public int Steps;
        public int StopAtEpoch = int.MaxValue;

        public void OnTrainBegin(TrainingContext<float> c) => Calls.Add("begin");
        public void OnEpochBegin(TrainingContext<float> c) => Calls.Add($"epoch-begin {c.Epoch}");
        public void OnBatchLoss(TrainingContext<float> c, in BatchInfo b)
        {
            if (Steps < Allocated.Length) Allocated[Steps] = GC.GetAllocatedBytesForCurrentThread();
            Steps++;
        }
        public void OnEpochEnd(TrainingContext<float> c, EpochEnd e) => Calls.Add($"epoch-end {e.Epoch}");
        public void OnEpochCompleted(TrainingContext<float> c, EpochMetrics m)
        {
            Calls.Add($"completed {m.Epoch} history {c.History.Count}");
            if (m.Epoch == StopAtEpoch) c.Stop(StopReason.EarlyStopped);
        }
        public void OnTrainEnd(TrainingContext<float> c) => Calls.Add($"end {c.StopReason}");
    }

    [Test]
    public void Callbacks_RunInTheDocumentedOrder_AndOneCanStopTraining()
    {
        var (_, trainer) = Build(new TrainerOptions { Epochs = 5, BatchSize = 50 });
        var recorder = new Recorder { StopAtEpoch = 2 };
        trainer.Add(recorder);

        var result = trainer.Fit(Train);

        Assert.That(recorder.Calls, Is.EqualTo(new[]
        {
            "begin", "epoch-end 0",
            "epoch-begin 1", "epoch-end 1", "completed 1 history 2",
            "epoch-begin 2", "epoch-end 2", "completed 2 history 3",
            "end EarlyStopped",
        }));
        Assert.That(recorder.Steps, Is.EqualTo(2 * 4)); // 200 rows in batches of 50
        Assert.That(result.StopReason, Is.EqualTo(StopReason.EarlyStopped));
        Assert.That(result.EpochsRun, Is.EqualTo(2));
    }

    [Test]
    public void A_step_of_Fit_allocates_nothing_after_the_first_epoch()
    {
        // Dead-neuron monitor on: its counts are taken in the training forward pass too.
        var (_, trainer) = Build(new TrainerOptions { Epochs = 4, BatchSize = 10 });
        var recorder = new Recorder();
        trainer.Add(recorder);

        trainer.Fit(Train);

        // Consecutive OnBatchLoss calls bracket one whole step (backward, step, gather, forward, loss); 20 steps per epoch.
        for (int i = 21; i < 39; i++)
            Assert.That(recorder.Allocated[i + 1] - recorder.Allocated[i], Is.Zero, $"step {i}");
    }
}
