using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>When and on what the trainer measures dead neurons: at initialization, then on the full training set with the end-of-epoch weights.</summary>
public class TrainerDeadNeuronTests
{
    [Test]
    public void Measurement_UsesTheFullTrainingSet_NotTheLastMiniBatch()
    {
        // Hidden unit 0 computes z = x, unit 1 z = −x. The output weights and bias are 0 and the targets 0, so every
        // gradient is 0 and the weights never move. Rows x = (1, 2, 3, −1, −2) in batches of 2 without shuffling: the last
        // mini-batch is the single row x = −2, on which unit 0 is silent. On the full set unit 0 is positive on 3 rows,
        // unit 1 on 2, so nothing is dead.
        var hidden = new DenseLayer<double>(1, 2, new Relu<double>(2), "layer0");
        hidden.Weights.ValueMatrix.SetRow(0, [1.0, -1]);
        var net = new Mlp<double>([hidden, new DenseLayer<double>(2, 1, new Identity<double>(1), "layer1")]);
        var data = new Dataset<double>(Matrix<double>.Build.DenseOfColumnArrays([1.0, 2, 3, -1, -2]), Matrix<double>.Build.Dense(5, 1));
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Sgd<double>(net.Parameters, 0.1), new Rng(1),
            new TrainerOptions { Epochs = 1, BatchSize = 2, Shuffle = false, DeadNeurons = new DeadNeuronOptions(NearDeadShare: 0.5) });

        var result = trainer.Fit(data);

        var stats = result.History[1].DeadNeurons![0];
        Assert.That(stats.Dead, Is.Zero);
        // Near-dead under a 50% share: unit 1 is positive on 2 of 5 rows (40%), unit 0 on 3 of 5 (60%) — on 1 row that would be 0% or 100%.
        Assert.That(stats.NearDead, Is.EqualTo(1));
        Assert.That(stats.ZeroFraction, Is.EqualTo(0.5).Within(1e-15));
    }

    [Test]
    public void Measurement_UsesTheEndOfEpochWeights()
    {
        // Adam with η = 3 kills and revives ReLU units from epoch to epoch. After every epoch, an independent meter run
        // on the weights the network holds at that moment must give exactly the reported statistics; a measurement taken
        // during the epoch (before the last step) would lag behind the changing counts.
        var data = TrainingData.Linear<double>(256, [1, -2, 0.5, 3], seed: 1);
        var rng = new Rng(2);
        var net = Mlp<double>.Create(new MlpSpec(4, [32], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Adam<double>(net.Parameters, 3), rng,
            new TrainerOptions { Epochs = 10, BatchSize = 64 });
        var independent = new ActivityMeter<double>(net, 100);
        var expected = new List<int[]>();
        trainer.EpochCompleted += _ => expected.Add(LayerDeadStats.From(independent.Measure(data.Features)[0]).DeadUnits.ToArray());

        var result = trainer.Fit(data);

        Assert.That(result.History.Select(h => h.DeadNeurons![0].DeadUnits), Is.EqualTo(expected));
        Assert.That(result.History.Select(h => h.TotalDead).Distinct().Count(), Is.GreaterThan(2), "the dead set must change for the test to mean something");
        Assert.That(result.FinalDeadNeurons![0].DeadUnits, Is.EqualTo(expected[^1]));
    }

    [Test]
    public void Final_IsTheActivityOfTheWeightsKept_AfterEarlyStoppingPutsTheBestBack()
    {
        // The final statistics reuse the last epoch's measurement only when the weights have not changed since; here
        // early stopping restores an earlier epoch's weights, so they must be measured again.
        var data = TrainingData.Linear<double>(256, [1, -2, 0.5, 3], seed: 1);
        var validation = TrainingData.Linear<double>(64, [1, -2, 0.5, 3], seed: 5);
        var rng = new Rng(2);
        var net = Mlp<double>.Create(new MlpSpec(4, [32], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Adam<double>(net.Parameters, 3), rng,
            new TrainerOptions { Epochs = 30, BatchSize = 64, Patience = 2 });

        var result = trainer.Fit(data, validation);

        Assert.That(result.BestEpoch, Is.LessThan(result.History[^1].Epoch), "the test needs a restore");
        var kept = LayerDeadStats.From(new ActivityMeter<double>(net, 100).Measure(data.Features)[0]);
        Assert.That(result.FinalDeadNeurons![0].DeadUnits, Is.EqualTo(kept.DeadUnits));
        Assert.That(result.FinalDeadNeurons[0].ZeroFraction, Is.EqualTo(kept.ZeroFraction));
        Assert.That(result.FinalDeadNeurons[0].DeadUnits, Is.Not.EqualTo(result.History[^1].DeadNeurons![0].DeadUnits),
            "the kept weights' dead set differs from the last epoch's, or reusing that measurement would pass unnoticed");
    }

    [Test]
    public void Final_WithoutAnyStep_IsTheMeasurementAtInitialization()
    {
        var data = TrainingData.Linear<double>(64, [1, -1], seed: 3);
        var rng = new Rng(4);
        var net = Mlp<double>.Create(new MlpSpec(2, [8], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Sgd<double>(net.Parameters, 0.01), rng,
            new TrainerOptions { Epochs = 0 });

        var result = trainer.Fit(data);

        var independent = LayerDeadStats.From(new ActivityMeter<double>(net, 100).Measure(data.Features)[0]);
        Assert.That(result.FinalDeadNeurons![0].ZeroFraction, Is.EqualTo(independent.ZeroFraction));
        Assert.That(result.FinalDeadNeurons[0].DeadUnits, Is.EqualTo(result.History[0].DeadNeurons![0].DeadUnits));
    }

    [Test]
    public void Every_MeasuresAtInitializationEveryNthAndTheLastEpoch()
    {
        var data = TrainingData.Linear<double>(64, [1, -1], seed: 3);
        var rng = new Rng(4);
        var net = Mlp<double>.Create(new MlpSpec(2, [4], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Sgd<double>(net.Parameters, 0.01), rng,
            new TrainerOptions { Epochs = 7, DeadNeurons = new DeadNeuronOptions(Every: 3) });

        var result = trainer.Fit(data);

        Assert.That(result.History.Where(h => h.DeadNeurons is not null).Select(h => h.Epoch), Is.EqualTo(new[] { 0, 3, 6, 7 }));
    }

    [Test]
    public void EveryZero_SwitchesMeasurementOff()
    {
        var data = TrainingData.Linear<double>(64, [1, -1], seed: 3);
        var rng = new Rng(4);
        var net = Mlp<double>.Create(new MlpSpec(2, [4], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Sgd<double>(net.Parameters, 0.01), rng,
            new TrainerOptions { Epochs = 2, DeadNeurons = new DeadNeuronOptions(Every: 0) });

        var result = trainer.Fit(data);

        Assert.That(result.History.Select(h => h.DeadNeurons), Is.All.Null);
        Assert.That(result.FinalDeadNeurons, Is.Null);
        Assert.That(result.Timeline, Is.Empty);
    }
}
