using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// Training through the fast GEMM gives the losses of the reference path (MathNet's own products), and the
/// dead-neuron counts of the fused bias pass equal a plain count of z &gt; 0.
/// </summary>
[TestFixture]
public sealed class FastPathTrainingTests
{
    [TestCase("relu"), TestCase("leaky-relu"), TestCase("prelu")]
    public void Losses_through_the_fast_path_match_the_reference_path(string activation)
    {
        var fast = Train(activation, reference: false);
        var slow = Train(activation, reference: true);
        // float32 training for 30 steps: products differ only in summation order (k ≤ 64 terms), so the losses
        // agree to a few float ulps of growth per step; 1e-4 relative is far below any training effect.
        for (int i = 0; i < fast.Length; i++)
            Assert.That(fast[i], Is.EqualTo(slow[i]).Within(1e-4 * Math.Abs(slow[i]) + 1e-6), $"step {i}");
    }

    [Test]
    public void Fused_bias_pass_counts_exactly_the_rows_with_positive_pre_activation()
    {
        var net = Mlp<float>.Create(new MlpSpec(5, [19, 11], 3, ActivationSpec.Relu), new Rng(3));
        var x = RandomMatrix(new Random(4), 41, 5);
        var counts = net.HiddenLayers.Select(l => new int[l.Units]).ToArray();
        net.Forward(x, counts);
        for (int l = 0; l < counts.Length; l++)
        {
            var z = net.Layers[l].LastPreActivation;
            for (int j = 0; j < z.ColumnCount; j++)
                Assert.That(counts[l][j], Is.EqualTo(z.Column(j).Count(v => v > 0)), $"layer {l} unit {j}");
        }
    }

    [TestCase("relu", "sgd"), TestCase("leaky-relu", "adam"), TestCase("prelu", "momentum")]
    public void Training_step_allocates_nothing_after_warm_up(string activation, string optimizerName)
    {
        // Sizes that take the direct, packed and threaded GEMM paths, with the dead-neuron counts on.
        var net = Mlp<float>.Create(new MlpSpec(96, [160, 7], 3, new ActivationSpec(activation)), new Rng(1));
        var optimizer = OptimizerRegistry.Create(optimizerName, net.Parameters, 1e-3);
        var loss = new SoftmaxCrossEntropy<float>();
        var x = RandomMatrix(new Random(2), 64, 96);
        var y = Matrix<float>.Build.Dense(64, 3, (i, j) => j == i % 3 ? 1f : 0f);
        var grad = Matrix<float>.Build.Dense(64, 3);
        var counts = net.HiddenLayers.Select(l => new int[l.Units]).ToArray();
        void Step()
        {
            loss.Compute(net.Forward(x, counts), y, grad);
            net.Backward(grad);
            optimizer.Step();
            optimizer.ZeroGrad();
        }
        for (int i = 0; i < 50; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Step();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
    }

    private static double[] Train(string activation, bool reference)
    {
        using var _ = new GemmSettings(reference: reference);
        var rng = new Random(11);
        var net = Mlp<float>.Create(new MlpSpec(20, [64, 33], 5, new ActivationSpec(activation)), new Rng(12));
        var optimizer = new Adam<float>(net.Parameters, 1e-2);
        var loss = new SoftmaxCrossEntropy<float>();
        var x = RandomMatrix(rng, 40, 20);
        var y = Matrix<float>.Build.Dense(40, 5, (i, j) => j == i % 5 ? 1f : 0f);
        var grad = Matrix<float>.Build.Dense(40, 5);
        var losses = new double[30];
        for (int step = 0; step < losses.Length; step++)
        {
            losses[step] = loss.Compute(net.Forward(x), y, grad);
            net.Backward(grad);
            optimizer.Step();
            optimizer.ZeroGrad();
        }
        return losses;
    }

    private static Matrix<float> RandomMatrix(Random rng, int rows, int cols)
        => Matrix<float>.Build.Dense(rows, cols, (_, _) => (float)(rng.NextDouble() * 2 - 1));
}
