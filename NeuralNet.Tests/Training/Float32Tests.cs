using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>Training in float32 (the default precision) runs through the same generic code as the float64 tests.</summary>
public class Float32Tests
{
    [TestCase("relu")]
    [TestCase("leaky-relu")]
    [TestCase("prelu")]
    public void Xor_ReachesFullAccuracyInFloat32(string activation)
    {
        var result = TrainingData.TrainXor<float>(activation);

        Assert.That(result.Last.Metric, Is.EqualTo(1.0));
        Assert.That(result.Last.Loss, Is.LessThan(0.1));
    }

    [TestCase(0.3, 32, 4)]
    [TestCase(1.0, 256, 2)]
    public void Divergence_NeverLeavesNonFiniteWeights(double learningRate, int batchSize, int seed)
    {
        // In float32 the weights can overflow on an epoch's last step while that step's loss (computed in double) was
        // still finite. The trainer must not take those weights as "the last finished epoch".
        var data = TrainingData.Linear<float>(256, [1, -2, 0.5, 3], seed: 1);
        var rng = new Rng(seed);
        var net = Mlp<float>.Create(new MlpSpec(4, [16], 1, ActivationSpec.Relu), rng);
        var trainer = new Trainer<float>(net, new MeanSquaredError<float>(), new Sgd<float>(net.Parameters, learningRate), rng,
            new TrainerOptions { Epochs = 50, BatchSize = batchSize });
        var snapshots = new List<float[][]>();
        trainer.EpochCompleted += _ => snapshots.Add(net.CopyValues());

        var result = trainer.Fit(data);

        Assert.That(result.StopReason, Is.EqualTo(StopReason.Diverged));
        Assert.That(net.Parameters.SelectMany(p => p.Value), Is.All.Matches<float>(float.IsFinite));
        Assert.That(snapshots.SelectMany(s => s.SelectMany(v => v)), Is.All.Matches<float>(float.IsFinite), "no epoch may report non-finite weights");
        Assert.That(net.CopyValues(), Is.EqualTo(snapshots[result.Divergence!.Epoch - 1]));
    }
}
