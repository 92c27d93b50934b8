using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

public class LearningTests
{
    [TestCase("relu")]
    [TestCase("leaky-relu")]
    [TestCase("prelu")]
    public void Xor_ReachesFullAccuracy(string activation)
    {
        var result = TrainingData.TrainXor<double>(activation);

        Assert.That(result.Last.Metric, Is.EqualTo(1.0));
    }

    [Test]
    public void LinearRegression_Fits()
    {
        // y = 2x₁ − 3x₂, noise-free, standardized inputs: a small ReLU network explains more than 99% of the variance,
        // on the training data and on fresh data from the same law.
        var train = TrainingData.Linear<double>(200, [2, -3], seed: 11);
        var test = TrainingData.Linear<double>(100, [2, -3], seed: 12);
        var rng = new Rng(3);
        var net = Mlp<double>.Create(new MlpSpec(2, [16], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<double>(net, new MeanSquaredError<double>(), new Adam<double>(net.Parameters, 0.02), rng,
            new TrainerOptions { Epochs = 100, BatchSize = 20 });

        var result = trainer.Fit(train, test);

        Assert.That(result.Last.Metric, Is.GreaterThan(0.99), "training R²");
        Assert.That(result.Last.ValidationMetric, Is.GreaterThan(0.99), "validation R²");
        var evaluator = new Evaluator<double>(net, new MeanSquaredError<double>(), 64);
        var (loss, r2) = evaluator.Evaluate(test);
        Assert.That(r2, Is.EqualTo(result.Last.ValidationMetric!.Value).Within(1e-12));
        Assert.That(loss, Is.EqualTo(result.Last.ValidationLoss!.Value).Within(1e-12));
        var predicted = evaluator.Predict(test.Features);
        Assert.That(predicted.Column(0).ToArray(), Is.EqualTo(test.Targets.Column(0).ToArray()).Within(0.5));
    }
}
