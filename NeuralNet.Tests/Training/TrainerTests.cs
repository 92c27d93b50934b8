using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>How training ends: early stopping with best-weight restore, divergence, cancellation; options and their defaults.</summary>
public class TrainerTests
{
    private static readonly Dataset<double> Train = TrainingData.Linear<double>(256, [1, -2, 0.5, 3], seed: 1);

    private sealed record Run(Mlp<double> Net, Trainer<double> Trainer, List<double[][]> Snapshots);

    /// <summary>A 4-16-1 ReLU regression network; Snapshots[e] holds the weights at the end of epoch e (0 = initial).</summary>
    private static Run Setup(Func<IReadOnlyList<Parameter<double>>, Optimizer<double>> optimizer, TrainerOptions options, ILoss<double>? loss = null)
    {
        var rng = new Rng(2);
        var net = Mlp<double>.Create(new MlpSpec(4, [16], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, loss ?? new MeanSquaredError<double>(), optimizer(net.Parameters), rng, options);
        var snapshots = new List<double[][]>();
        trainer.EpochCompleted += _ => snapshots.Add(net.CopyValues());
        return new Run(net, trainer, snapshots);
    }

    [Test]
    public void EarlyStopping_StopsAfterPatienceAndRestoresTheBestWeights()
    {
        // Validation targets with the opposite sign: the better the fit to the training data, the worse the validation loss,
        // so the best epoch comes early and the last epochs are worse.
        var validation = new Dataset<double>(Train.Features, -Train.Targets);
        var run = Setup(p => new Adam<double>(p, 0.01), new TrainerOptions { Epochs = 100, Patience = 3 });

        var result = run.Trainer.Fit(Train, validation);

        var validationLosses = result.History.Skip(1).Select(h => h.ValidationLoss!.Value).ToList();
        int best = validationLosses.IndexOf(validationLosses.Min()) + 1;
        Assert.That(result.StopReason, Is.EqualTo(StopReason.EarlyStopped));
        Assert.That(result.BestEpoch, Is.EqualTo(best));
        Assert.That(result.RestoredBestWeights, Is.True);
        // As scikit-learn: stop once more than `patience` epochs in a row failed to improve.
        Assert.That(result.EpochsRun, Is.EqualTo(best + 3 + 1));
        Assert.That(run.Net.CopyValues(), Is.EqualTo(run.Snapshots[best]));
        Assert.That(run.Net.CopyValues(), Is.Not.EqualTo(run.Snapshots[result.EpochsRun]), "restoring must have changed something");
    }

    [Test]
    public void WithoutPatience_KeepsTheLastWeights()
    {
        var run = Setup(p => new Sgd<double>(p, 0.01), new TrainerOptions { Epochs = 3 });
        var result = run.Trainer.Fit(Train);
        Assert.That((result.StopReason, result.EpochsRun, result.BestEpoch, result.RestoredBestWeights), Is.EqualTo((StopReason.Completed, 3, 3, false)));
        Assert.That(run.Net.CopyValues(), Is.EqualTo(run.Snapshots[3]));
    }

    [TestCase(1.0, 32, 1)]
    [TestCase(0.3, 256, 9)]
    public void Divergence_IsReportedWithEpochAndBatch_AndTheLastFiniteWeightsAreKept(double learningRate, int batchSize, int epoch)
    {
        // Plain SGD with η ≥ 0.3 on this regression blows up: with batches of 32 within the first epoch, with full
        // batches (one step per epoch) in epoch 9.
        var run = Setup(p => new Sgd<double>(p, learningRate), new TrainerOptions { Epochs = 50, BatchSize = batchSize });

        var result = run.Trainer.Fit(Train);

        Assert.That(result.StopReason, Is.EqualTo(StopReason.Diverged));
        var info = result.Divergence!;
        Assert.That((info.Epoch, info.LearningRate), Is.EqualTo((epoch, learningRate)));
        Assert.That(info.Batch, Is.InRange(1, 256 / batchSize));
        Assert.That(double.IsFinite(info.Loss), Is.False);
        Assert.That(result.EpochsRun, Is.EqualTo(epoch - 1));
        Assert.That(run.Net.Parameters.SelectMany(p => p.Value), Is.All.Matches<double>(double.IsFinite));
        Assert.That(run.Net.CopyValues(), Is.EqualTo(run.Snapshots[epoch - 1]), "the weights of the last finished epoch");
    }

    [Test]
    public void Cancellation_StopsAfterTheCurrentBatch_KeepingTheLastFinishedEpoch()
    {
        // 256 rows in batches of 32 = 8 batches per epoch. The token fires while batch 3 of epoch 2 (the 11th loss) is computed:
        // that batch completes, no further batch runs, and the weights go back to the end of epoch 1.
        using var cts = new CancellationTokenSource();
        var loss = new CancellingLoss<double>(new MeanSquaredError<double>(), cancelAfter: 11, cts);
        var run = Setup(p => new Sgd<double>(p, 0.01), new TrainerOptions { Epochs = 5 }, loss);

        var result = run.Trainer.Fit(Train, cancellation: cts.Token);

        Assert.That(result.StopReason, Is.EqualTo(StopReason.Cancelled));
        Assert.That(loss.Calls, Is.EqualTo(11));
        Assert.That(result.EpochsRun, Is.EqualTo(1));
        Assert.That(run.Net.CopyValues(), Is.EqualTo(run.Snapshots[1]));
    }

    [Test]
    public void ClipNorm_BoundsEveryStep()
    {
        // One full-batch SGD step with η = 1: with the gradient clipped to norm 1e-3 the weights move by at most 1e-3 in
        // norm; unclipped they move by far more.
        double StepNorm(double? clip)
        {
            var run = Setup(p => new Sgd<double>(p, 1), new TrainerOptions { Epochs = 1, BatchSize = 256, ClipNorm = clip });
            run.Trainer.Fit(Train);
            return Math.Sqrt(run.Snapshots[1].Zip(run.Snapshots[0]).SelectMany(p => p.First.Zip(p.Second, (a, b) => (a - b) * (a - b))).Sum());
        }
        Assert.That(StepNorm(1e-3), Is.LessThanOrEqualTo(1e-3 * (1 + 1e-9)).And.GreaterThan(0.9e-3));
        Assert.That(StepNorm(null), Is.GreaterThan(0.1));
    }

    [Test]
    public void ZeroEpochs_OnlyMeasuresTheInitialNetwork()
    {
        var run = Setup(p => new Sgd<double>(p, 0.01), new TrainerOptions { Epochs = 0 });
        var result = run.Trainer.Fit(Train);
        Assert.That(result.History, Has.Count.EqualTo(1));
        Assert.That(result.History[0].Epoch, Is.Zero);
        Assert.That(result.History[0].Loss, Is.NaN);
        Assert.That(result.History[0].DeadNeurons, Is.Not.Null);
    }

    [Test]
    public void Defaults_AreTheDocumentedOnes()
    {
        var o = new TrainerOptions();
        Assert.That((o.Epochs, o.BatchSize, o.Shuffle, o.Patience, o.MinDelta, o.ClipNorm), Is.EqualTo((200, 32, true, (int?)null, 0.0, (double?)null)));
        Assert.That(o.DeadNeurons, Is.EqualTo(new Core.Diagnostics.DeadNeuronOptions(1, 0.01)));
    }

    [Test]
    public void BadOptionsAndShapes_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Setup(p => new Sgd<double>(p, 0.01), new TrainerOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Setup(p => new Sgd<double>(p, 0.01), new TrainerOptions { Patience = -1 }));
        var run = Setup(p => new Sgd<double>(p, 0.01), new TrainerOptions());
        var wrong = new Dataset<double>(Matrix<double>.Build.Dense(3, 5), Matrix<double>.Build.Dense(3, 1));
        var ex = Assert.Throws<ArgumentException>(() => run.Trainer.Fit(wrong));
        Assert.That(ex.Message, Does.Contain("Expected 4 feature columns, received 5"));
    }
}
