using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Tests.Training;

/// <summary>
/// Validation and dead-neuron passes split over two threads (a twin network sharing the parameters) give the bits of
/// the same pass on one thread: loss, accuracy or R², and every unit's positive rows, mean |output| and input RMS.
/// </summary>
public class PassHalvesTests
{
    private const int ChunkRows = 64;

    private static (double Loss, double Metric, IReadOnlyList<LayerActivity> Activity) Passes(Mlp<float> net, ILoss<float> loss, Dataset<float> data, int threads)
    {
        int previous = Gemm.MaxThreads;
        Gemm.MaxThreads = threads; // two threads split the pass even on a one-core machine
        try
        {
            var (l, m) = new Evaluator<float>(net, loss, ChunkRows).Evaluate(data);
            return (l, m, new ActivityMeter<float>(net, ChunkRows).Measure(data.Features));
        }
        finally
        {
            Gemm.MaxThreads = previous;
        }
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [TestCase("relu", false)]
    [TestCase("prelu", false)]
    [TestCase("leaky-relu", true)]
    public void TwoThreadPasses_GiveTheBitsOfOneThread(string activation, bool classification)
    {
        // 1,000 rows in chunks of 64: 16 chunks, the fewest that are split; a last chunk shorter than the others.
        var linear = TrainingData.Linear<float>(1000, [1, -2, 0.5, 3], seed: 4);
        var targets = classification
            ? Matrix<float>.Build.Dense(1000, 2, (r, c) => (linear.Targets[r, 0] > 0) == (c == 1) ? 1f : 0f)
            : linear.Targets;
        var data = new Dataset<float>(linear.Features, targets);
        var net = Mlp<float>.Create(new MlpSpec(4, [24, 12], targets.ColumnCount, new ActivationSpec(activation), HiddenBias: -0.3), new Rng(5));
        ILoss<float> loss = classification ? new SoftmaxCrossEntropy<float>() : new MeanSquaredError<float>();
        Assert.That(PassHalves<float>.Split((1000 + ChunkRows - 1) / ChunkRows), Is.EqualTo(8), "the pass is split in two");

        var two = Passes(net, loss, data, threads: 2);
        var one = Passes(net, loss, data, threads: 1);

        Assert.That(Bits([two.Loss, two.Metric]), Is.EqualTo(Bits([one.Loss, one.Metric])));
        Assert.That(two.Activity.Select(a => a.PositiveRows), Is.EqualTo(one.Activity.Select(a => a.PositiveRows)));
        Assert.That(two.Activity.Select(a => Bits(a.MeanAbsOutput)), Is.EqualTo(one.Activity.Select(a => Bits(a.MeanAbsOutput))));
        Assert.That(Bits(two.Activity.Select(a => a.InputRms)), Is.EqualTo(Bits(one.Activity.Select(a => a.InputRms))));
        Assert.That(two.Activity.Sum(a => a.PositiveRows.Sum()), Is.Positive);
    }

    [Test]
    public void FewChunks_StayOnOneThread()
    {
        Assert.That(PassHalves<float>.Split(PassHalves<float>.MinimumChunks - 1), Is.EqualTo(PassHalves<float>.MinimumChunks - 1));
        Assert.That(PassHalves<float>.Split(1), Is.EqualTo(1));
    }
}
