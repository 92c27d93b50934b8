using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Layers;

/// <summary>
/// A large layer's bias, count and activation passes run in ranges of units on both cores; the split must not change
/// a bit of the output, the activity counts or any gradient, for every activation (PReLU's run whole).
/// </summary>
[TestFixture]
public sealed class DenseLayerPassesTests
{
    // 83 units: not a multiple of the 16-unit range alignment, so the last range is ragged.
    private const int Rows = 45, Inputs = 37, Units = 83;

    private int _parallelLength;

    [SetUp]
    public void SaveSetting() => _parallelLength = ParallelRanges.ParallelLength;

    [TearDown]
    public void RestoreSetting() => ParallelRanges.ParallelLength = _parallelLength;

    [TestCase("relu", false), TestCase("leaky-relu", false), TestCase("prelu", false), TestCase("prelu", true)]
    [TestCase("sigmoid", false), TestCase("tanh", false), TestCase("identity", false)]
    public void Split_passes_give_the_same_bits_as_one_pass(string activation, bool perUnitAlpha)
    {
        var serial = Run(activation, perUnitAlpha, parallelLength: int.MaxValue);
        var split = Run(activation, perUnitAlpha, parallelLength: 1);
        for (int i = 0; i < serial.Length; i++)
            Assert.That(split[i], Is.EqualTo(serial[i]), $"result {i} (output, counts, dx, then each parameter's gradient)");
    }

    [Test]
    public void Split_counts_are_the_rows_with_positive_pre_activation()
    {
        ParallelRanges.ParallelLength = 1;
        var (layer, x, _) = Setup("relu", perUnitAlpha: false);
        var counts = new int[Units];
        layer.Forward(x, counts);
        var z = layer.LastPreActivation;
        for (int j = 0; j < Units; j++)
            Assert.That(counts[j], Is.EqualTo(z.Column(j).Count(v => v > 0)), $"unit {j}");
    }

    /// <summary>Forward twice (counts accumulate) and backward once, returning every result as a flat array.</summary>
    private double[][] Run(string activation, bool perUnitAlpha, int parallelLength)
    {
        ParallelRanges.ParallelLength = parallelLength;
        var (layer, x, gradOutput) = Setup(activation, perUnitAlpha);
        var counts = new int[Units];
        layer.Forward(x, counts);
        var output = layer.Forward(x, counts).ToColumnMajorArray();
        var dx = layer.Backward(gradOutput)!.ToColumnMajorArray();
        return [output, counts.Select(c => (double)c).ToArray(), dx, .. layer.Parameters.Select(p => p.Gradient.ToArray())];
    }

    private static (DenseLayer<double> Layer, Matrix<double> X, Matrix<double> GradOutput) Setup(string activation, bool perUnitAlpha)
    {
        var rng = new Rng(8);
        var act = ActivationRegistry.Create<double>(new ActivationSpec(activation, PerUnitAlpha: perUnitAlpha), Units, "layer0");
        var layer = new DenseLayer<double>(Inputs, Units, act, "layer0");
        layer.Initialize(ScaledInitializer.HeNormal, 0, rng);
        for (int j = 0; j < Units; j++) layer.Bias.Value[j] = rng.NextUniform(-0.5, 0.5);
        foreach (var p in layer.Parameters) p.ZeroGradient();
        return (layer, GradientCheck.Uniform(rng, Rows, Inputs, -2, 2), GradientCheck.Uniform(rng, Rows, Units));
    }
}
