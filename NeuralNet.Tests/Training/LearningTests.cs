using MathNet.Numerics.LinearAlgebra;
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
        var x = Matrix<double>.Build.DenseOfRowArrays([0.0, 0], [0, 1], [1, 0], [1, 1]);
        var y = Matrix<double>.Build.DenseOfRowArrays([1.0, 0], [0, 1], [0, 1], [1, 0]);
        var rng = new Rng(7);
        var net = Mlp<double>.Create(new MlpSpec(2, [8], 2, new ActivationSpec(activation)), rng);
        var trainer = new Trainer<double>(net, new SoftmaxCrossEntropy<double>(), new Adam<double>(net.Parameters, 0.05), rng,
            new TrainerOptions { Epochs = 300, BatchSize = 4 });

        var result = trainer.Fit(new Dataset<double>(x, y));

        Assert.That(result.Last.Metric, Is.EqualTo(1.0));
    }
}
