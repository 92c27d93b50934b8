using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;
using NeuralNet.Tests.Training;

namespace NeuralNet.Tests.Diagnostics;

/// <summary>
/// The dying-ReLU problem reproduced end to end through the trainer and its statistics, and its absence for the
/// leaky rectifiers in the very same set-up.
/// </summary>
public class DyingReluTests
{
    private static readonly Dataset<double> Data = TrainingData.Linear<double>(256, [1, -2, 0.5, 3], seed: 1);

    private static TrainingResult Train(string activation, double hiddenBias, double learningRate, int[] hidden)
    {
        var rng = new Rng(2);
        var net = Mlp<double>.Create(new MlpSpec(4, hidden, 1, new ActivationSpec(activation), HiddenBias: hiddenBias), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Adam<double>(net.Parameters, learningRate), rng,
            new TrainerOptions { Epochs = 10, BatchSize = 32 });
        return trainer.Fit(Data);
    }

    [Test]
    public void StronglyNegativeBias_KillsReluUnits_FromBirthToTheEnd()
    {
        // Standardized inputs and He weights give w·x a spread of about √2 per unit, so with b = −5 a unit is positive
        // only where w·x > 5 ≈ 3.5 standard deviations: on hardly any of the 256 rows. The second layer then sees
        // (almost) only zeros and z = −5.
        var result = Train("relu", -5, 0.01, [16, 16]);

        Assert.That(result.StopReason, Is.EqualTo(StopReason.Completed));
        Assert.That(result.History[0].TotalDead, Is.GreaterThanOrEqualTo(16), "born dead");
        Assert.That(result.Timeline.Sum(t => t.BornDead), Is.EqualTo(result.History[0].TotalDead));
        Assert.That(result.FinalDeadNeurons!.Sum(l => l.Dead), Is.GreaterThanOrEqualTo(16), "still dead after training");
        Assert.That(result.FinalDeadNeurons!.Select(l => l.Activation), Is.All.EqualTo("relu"));
    }

    [TestCase("leaky-relu")]
    [TestCase("prelu")]
    public void StronglyNegativeBias_LeakyRectifiers_HaveInactiveButNoDeadUnits(string activation)
    {
        var result = Train(activation, -5, 0.01, [16, 16]);

        Assert.That(result.History[0].DeadNeurons!.Sum(l => l.Inactive), Is.GreaterThanOrEqualTo(16), "the same units are silent at birth");
        Assert.That(result.History.Select(h => h.TotalDead), Is.All.Zero);
        Assert.That(result.FinalDeadNeurons!.Sum(l => l.Dead), Is.Zero);
        Assert.That(result.Timeline.Sum(t => t.BornDead), Is.Zero);
    }

    [Test]
    public void FarTooHighLearningRate_KillsReluUnitsDuringTraining()
    {
        // Adam with η = 3 (3000× the default) moves every bias by about ±3 per step: a third or more of the units are
        // pushed below every row and never come back. Born with none dead.
        var result = Train("relu", 0, 3, [32]);

        Assert.That(result.StopReason, Is.EqualTo(StopReason.Completed));
        Assert.That(result.History[0].TotalDead, Is.Zero);
        Assert.That(result.FinalDeadNeurons![0].Dead, Is.GreaterThanOrEqualTo(8));
        Assert.That(result.Timeline[0].FirstDeathEpoch, Is.GreaterThanOrEqualTo(1));
        Assert.That(result.Timeline[0].DeathEpochs.Count(e => e is not null), Is.EqualTo(result.Last.TotalDead));
    }

    [TestCase("leaky-relu")]
    [TestCase("prelu")]
    public void FarTooHighLearningRate_LeakyRectifiers_HaveNoDeadUnits(string activation)
    {
        var result = Train(activation, 0, 3, [32]);

        Assert.That(result.History.Select(h => h.TotalDead), Is.All.Zero);
        Assert.That(result.FinalDeadNeurons![0].Dead, Is.Zero);
    }
}
