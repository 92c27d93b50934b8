using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Callbacks;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Diagnostics;

/// <summary>"Why a unit died": the rule on constructed numbers, and the monitor's records on units killed on purpose.</summary>
public class DeathCauseTests
{
    [Test]
    public void Rule_BornDeadComesFirst_ThenABiasThatOutweighsTheWeightChange_ThenALargeRelativeStep()
    {
        Assert.That(DeathCause.Classify(bornDead: true, -50, 10, 1, 1), Is.EqualTo(DeathVerdict.BornDead));
        // Δb = −5 shifts every z by −5; ‖Δw‖·x_rms = 0.1·2 = 0.2 at most on a typical row.
        Assert.That(DeathCause.Classify(false, -5, 0.1, 1, 2), Is.EqualTo(DeathVerdict.NegativeBias));
        // Δb = −0.1 against ‖Δw‖·x_rms = 3·2 = 6, and ‖Δw‖ = 3 ≥ 0.5·‖w‖ = 0.5.
        Assert.That(DeathCause.Classify(false, -0.1, 3, 1, 2), Is.EqualTo(DeathVerdict.LargeStep));
        // A rising bias is never "drifting negative".
        Assert.That(DeathCause.Classify(false, 5, 3, 1, 0), Is.EqualTo(DeathVerdict.LargeStep));
        // Small moves of both: the cause lies elsewhere (the inputs of the layer changed).
        Assert.That(DeathCause.Classify(false, -0.01, 0.1, 1, 1), Is.EqualTo(DeathVerdict.Unclear));
        Assert.That(DeathCause.Classify(false, 0.01, 0.3, 1, 1), Is.EqualTo(DeathVerdict.Unclear));
    }

    /// <summary>At the start of epoch 2 kills two live units: one by a large step of its weights, one by a strongly negative bias.</summary>
    private sealed class Killer : ITrainingCallback<double>
    {
        public int StepUnit = -1, BiasUnit = -1;
        public double[] WeightsBefore = [];
        public double BiasBefore;

        public void OnEpochBegin(TrainingContext<double> c)
        {
            if (c.Epoch != 2) return;
            var alive = Enumerable.Range(0, 8).Except(c.History[^1].DeadNeurons![0].DeadUnits).ToList();
            (StepUnit, BiasUnit) = (alive[0], alive[1]);
            var layer = c.Network.Layers[0];
            // Inputs are in [0.5, 1.5]: weights of −2 give z ≤ −4 + b on every row.
            WeightsBefore = layer.Weights.Value.Skip(StepUnit * 4).Take(4).ToArray();
            for (int i = 0; i < 4; i++) layer.Weights.Value[StepUnit * 4 + i] = -2;
            BiasBefore = layer.Bias.Value[BiasUnit];
            layer.Bias.Value[BiasUnit] = -100;
        }
    }

    [Test]
    public void Monitor_RecordsWhatKilledEachUnit_AndWhenItWasLastActive()
    {
        var rng = new Rng(3);
        var x = Matrix<double>.Build.Dense(64, 4, (_, _) => 0.5 + rng.NextDouble());
        var y = Matrix<double>.Build.Dense(64, 1, (i, _) => x.Row(i).Sum());
        var net = Mlp<double>.Create(new MlpSpec(4, [8], 1, ActivationSpec.Relu), rng);
        // A small learning rate: the training itself moves the weights far less than the kills.
        var optimizer = new Sgd<double>(net.Parameters, 1e-4);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), optimizer, rng, new TrainerOptions { Epochs = 3, BatchSize = 16 });
        var killer = new Killer();
        trainer.Add(killer);

        var result = trainer.Fit(new Dataset<double>(x, y));

        var step = result.DeathCauses.Single(c => c.Unit == killer.StepUnit);
        var bias = result.DeathCauses.Single(c => c.Unit == killer.BiasUnit);
        Assert.That(step.Verdict, Is.EqualTo(DeathVerdict.LargeStep));
        Assert.That(bias.Verdict, Is.EqualTo(DeathVerdict.NegativeBias));
        Assert.That((step.Epoch, bias.Epoch), Is.EqualTo((2, 2)));
        // Alive after epoch 1, so positive on some batch of it (4 batches of 16), and never after the kill.
        Assert.That((step.LastActiveEpoch, bias.LastActiveEpoch), Is.EqualTo(((int?)1, (int?)1)));
        Assert.That(step.LastActiveBatch, Is.InRange(1, 4));
        // The recorded moves: the kill plus what 4 SGD steps at 1e-4 added (a dead unit gets no gradient, so nothing).
        double expectedChange = Math.Sqrt(killer.WeightsBefore.Sum(w => (-2 - w) * (-2 - w)));
        Assert.That(step.WeightChangeNorm, Is.EqualTo(expectedChange).Within(1e-12));
        Assert.That(bias.BiasChange, Is.EqualTo(-100 - killer.BiasBefore).Within(1e-12));
        Assert.That(step.LearningRate, Is.EqualTo(1e-4));
        // x_rms of the inputs: √(mean of ‖x‖²).
        double rms = Math.Sqrt(Enumerable.Range(0, 64).Average(i => x.Row(i).Sum(v => v * v)));
        Assert.That(step.InputRms, Is.EqualTo(rms).Within(1e-9));
    }

    [Test]
    public void UnitsDeadAtInitialization_AreBornDead()
    {
        var rng = new Rng(4);
        var x = Matrix<double>.Build.Dense(32, 3, (_, _) => rng.NextGaussian());
        var y = Matrix<double>.Build.Dense(32, 1, (i, _) => x[i, 0]);
        var net = Mlp<double>.Create(new MlpSpec(3, [5], 1, ActivationSpec.Relu, HiddenBias: -50), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Sgd<double>(net.Parameters, 0.01), rng, new TrainerOptions { Epochs = 2 });

        var result = trainer.Fit(new Dataset<double>(x, y));

        Assert.That(result.DeathCauses.Select(c => (c.Unit, c.Epoch, c.Verdict, c.LastActiveEpoch)),
            Is.EqualTo(Enumerable.Range(0, 5).Select(u => (u, 0, DeathVerdict.BornDead, (int?)null))));
    }
}
