using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>
/// The final training-set loss and metric come from the dead-neuron monitor's pass, not a second one: they must be the
/// bits an evaluator gives for the weights the network keeps, whatever happened after the last measurement.
/// </summary>
public class FinalTrainScoreTests
{
    private static long[] Bits(params double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [TestCase(1)]
    [TestCase(2)]
    public void MeasureAndScore_GivesTheEvaluatorsBits_AndTheMeasurersActivity(int threads)
    {
        // 1,000 rows in chunks of 64: 16 chunks, split over two threads when there are two.
        var linear = TrainingData.Linear<float>(1000, [1, -2, 0.5, 3], seed: 4);
        var targets = Matrix<float>.Build.Dense(1000, 3, (r, c) => c == (linear.Targets[r, 0] > 1 ? 2 : linear.Targets[r, 0] > -1 ? 1 : 0) ? 1f : 0f);
        var data = new Dataset<float>(linear.Features, targets);
        var net = Mlp<float>.Create(new MlpSpec(4, [24, 12], 3, ActivationSpec.Relu, HiddenBias: -0.3), new Rng(5));
        int previous = Gemm.MaxThreads;
        Gemm.MaxThreads = threads;
        try
        {
            var meter = new ActivityMeter<float>(net, 64);
            var (activity, score) = meter.MeasureAndScore(data, new PassScore<float>(new SoftmaxCrossEntropy<float>()));
            var expected = new Evaluator<float>(net, new SoftmaxCrossEntropy<float>(), 64).Evaluate(data);
            var alone = new ActivityMeter<float>(net, 64).Measure(data.Features);

            Assert.That(Bits(score.Loss, score.Metric), Is.EqualTo(Bits(expected.Loss, expected.Metric)));
            Assert.That(activity.Select(a => a.PositiveRows), Is.EqualTo(alone.Select(a => a.PositiveRows)));
            Assert.That(activity.Select(a => Bits(a.MeanAbsOutput.ToArray())), Is.EqualTo(alone.Select(a => Bits(a.MeanAbsOutput.ToArray()))));
            Assert.That(expected.Metric, Is.InRange(0.05, 0.95), "a metric that is neither all right nor all wrong");
        }
        finally
        {
            Gemm.MaxThreads = previous;
        }
    }

    public enum Ending { NoEpoch, Completed, MeasuredEveryThird, EarlyStoppingRestores, RecyclingAfterTheLastMeasurement }

    [TestCase(Ending.NoEpoch)]
    [TestCase(Ending.Completed)]
    [TestCase(Ending.MeasuredEveryThird)]
    [TestCase(Ending.EarlyStoppingRestores)]
    [TestCase(Ending.RecyclingAfterTheLastMeasurement)]
    public void FinalTrainScore_IsTheScoreOfTheWeightsKept(Ending ending)
    {
        var data = TrainingData.Linear<double>(512, [1, -2, 0.5, 3], seed: 1);
        var validation = TrainingData.Linear<double>(128, [1, -2, 0.5, 3], seed: 5);
        var rng = new Rng(2);
        var net = Mlp<double>.Create(new MlpSpec(4, [32, 16], 1, ActivationSpec.Relu), rng);
        var options = new TrainerOptions { Epochs = ending == Ending.NoEpoch ? 0 : 8, BatchSize = 64 };
        options = ending switch
        {
            Ending.MeasuredEveryThird => options with { DeadNeurons = new DeadNeuronOptions(Every: 3) },
            Ending.EarlyStoppingRestores => options with { Epochs = 30, Patience = 2 },
            Ending.RecyclingAfterTheLastMeasurement => options with { Recycle = new RecycleOptions(RecycleMode.Dead) },
            _ => options,
        };
        // Adam with a large step kills and revives units, and makes early stopping restore an earlier epoch.
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Adam<double>(net.Parameters, ending == Ending.Completed ? 0.01 : 3), rng, options);

        var result = trainer.Fit(data, ending == Ending.EarlyStoppingRestores ? validation : null);

        var expected = new Evaluator<double>(net, new MeanSquaredError<double>(), Evaluator<double>.PassChunk(options.BatchSize)).Evaluate(data);
        Assert.That(result.FinalTrainScore, Is.Not.Null);
        Assert.That(Bits(result.FinalTrainScore!.Value.Loss, result.FinalTrainScore.Value.Metric), Is.EqualTo(Bits(expected.Loss, expected.Metric)));
        if (ending == Ending.EarlyStoppingRestores) Assert.That(result.RestoredBestWeights, Is.True, "the test needs a restore");
        if (ending == Ending.RecyclingAfterTheLastMeasurement)
            Assert.That(result.History[^1].Recycled, Is.Not.Empty, "the test needs units redrawn after the last measurement");
    }

    [Test]
    public void WithoutMeasurement_ThereIsNoFinalTrainScore()
    {
        var data = TrainingData.Linear<double>(64, [1, -1], seed: 3);
        var rng = new Rng(4);
        var net = Mlp<double>.Create(new MlpSpec(2, [8], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Sgd<double>(net.Parameters, 0.01), rng,
            new TrainerOptions { Epochs = 2, DeadNeurons = new DeadNeuronOptions(Every: 0) });

        Assert.That(trainer.Fit(data).FinalTrainScore, Is.Null);
    }
}
