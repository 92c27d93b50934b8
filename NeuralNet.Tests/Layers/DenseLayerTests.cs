using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Layers;

public class DenseLayerTests
{
    private const int Rows = 6, Inputs = 3, Units = 4;

    private static DenseLayer<double> RandomLayer(string activation, Rng rng)
    {
        var act = ActivationRegistry.Create<double>(new ActivationSpec(activation, PerUnitAlpha: activation == "prelu"), Units, "layer0");
        var layer = new DenseLayer<double>(Inputs, Units, act, "layer0");
        layer.Initialize(ScaledInitializer.HeNormal, 0, rng);
        for (int j = 0; j < Units; j++) layer.Bias.Value[j] = rng.NextUniform(-0.5, 0.5);
        if (act is PRelu<double> prelu)
            for (int j = 0; j < Units; j++) prelu.Alpha.Value[j] = rng.NextUniform(-0.3, 0.6);
        return layer;
    }

    [TestCase("identity")]
    [TestCase("tanh")]
    [TestCase("relu")]
    [TestCase("leaky-relu")]
    [TestCase("prelu")]
    public void Backward_MatchesCentralDifferences_ForWeightsBiasAlphaAndInput(string activation)
    {
        var rng = new Rng(21);
        var layer = RandomLayer(activation, rng);
        var x = GradientCheck.Uniform(rng, Rows, Inputs, -2, 2);
        var r = GradientCheck.Uniform(rng, Rows, Units);
        double Objective() => GradientCheck.Dot(r, layer.Forward(x));

        foreach (var p in layer.Parameters) p.ZeroGradient();
        layer.Forward(x);
        Assert.That(layer.LastPreActivation.Enumerate().Min(Math.Abs), Is.GreaterThan(1e-3), "z too close to the kink for ±h");
        var dx = layer.Backward(r)!.Clone();

        foreach (var p in layer.Parameters)
            GradientCheck.AssertGradient(p.Name, Objective, p.Value, p.Gradient);
        GradientCheck.AssertGradient("dL/dx", Objective, GradientCheck.Values(x), GradientCheck.Values(dx));
    }

    [Test]
    public void Forward_IsXTimesWPlusB()
    {
        // One sample x = [1, 2] into two identity units with W = [[1, 3], [2, 4]] (rows = inputs), b = [0.5, -1]:
        // z₀ = 1·1 + 2·2 + 0.5 = 5.5, z₁ = 1·3 + 2·4 − 1 = 10.
        var layer = new DenseLayer<double>(2, 2, new Identity<double>(2), "l");
        layer.Weights.ValueMatrix.SetRow(0, [1.0, 3]);
        layer.Weights.ValueMatrix.SetRow(1, [2.0, 4]);
        layer.Bias.ValueMatrix.SetRow(0, [0.5, -1]);
        var output = layer.Forward(Matrix<double>.Build.DenseOfRowArrays([1.0, 2]));
        Assert.That(output.Row(0).ToArray(), Is.EqualTo(new[] { 5.5, 10 }));
    }

    /// <summary>A random tanh layer after one forward and one backward with upstream gradient r, and dW from that backward.</summary>
    private static (DenseLayer<double> Layer, Matrix<double> R, double[] Once) AfterOneBackward(int seed)
    {
        var rng = new Rng(seed);
        var layer = RandomLayer("tanh", rng);
        var x = GradientCheck.Uniform(rng, Rows, Inputs);
        var r = GradientCheck.Uniform(rng, Rows, Units);
        layer.Forward(x);
        layer.Backward(r);
        return (layer, r, (double[])layer.Weights.Gradient.Clone());
    }

    [Test]
    public void Backward_AccumulatesParameterGradients()
    {
        var (layer, r, once) = AfterOneBackward(22);
        layer.Backward(r);
        Assert.That(layer.Weights.Gradient, Is.EqualTo(once.Select(g => 2 * g)).Within(1e-15));
    }

    [Test]
    public void Backward_AfterZeroGrad_OverwritesTheOldGradient_ThenAccumulatesAgain()
    {
        // ZeroGradient is lazy: the next weight-gradient product overwrites instead of clearing first and adding.
        var (layer, r, once) = AfterOneBackward(24);
        layer.Backward(r);
        layer.Backward(r); // three times the gradient now sits in the array
        foreach (var p in layer.Parameters) p.ZeroGradient();
        Assert.That(layer.Bias.Gradient, Is.All.EqualTo(0.0), "a zeroed gradient reads as zero");
        layer.Backward(r);
        Assert.That(layer.Weights.Gradient, Is.EqualTo(once).Within(1e-15), "the first backward after zeroing overwrites");
        layer.Backward(r);
        Assert.That(layer.Weights.Gradient, Is.EqualTo(once.Select(g => 2 * g)).Within(1e-15), "later ones add");
        layer.Weights.ZeroGradient();
        Assert.That(layer.Weights.GradientMatrix.Enumerate(), Is.All.EqualTo(0.0), "the matrix view reads as zero too");
    }

    [Test]
    public void Backward_WithoutInputGradient_ReturnsNullButStillFillsParameters()
    {
        var rng = new Rng(23);
        var layer = RandomLayer("tanh", rng);
        layer.Forward(GradientCheck.Uniform(rng, Rows, Inputs));
        Assert.That(layer.Backward(GradientCheck.Uniform(rng, Rows, Units), computeInputGradient: false), Is.Null);
        Assert.That(layer.Bias.Gradient, Has.Some.Not.EqualTo(0.0));
    }

    [Test]
    public void Parameters_AreWeightsBiasThenAlpha_AndOnlyWeightsAreDecayed()
    {
        var layer = new DenseLayer<double>(2, 3, new PRelu<double>(3, name: "layer1"), "layer1");
        Assert.That(layer.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "layer1.weights", "layer1.bias", "layer1.alpha" }));
        Assert.That(layer.Parameters.Select(p => p.ApplyWeightDecay), Is.EqualTo(new[] { true, false, false }));
        Assert.That((layer.Weights.Rows, layer.Weights.Columns), Is.EqualTo((2, 3)));
    }

    [Test]
    public void Misuse_IsRefusedWithWhatWasExpected()
    {
        var layer = new DenseLayer<double>(2, 3, new Relu<double>(3), "l");
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(Matrix<double>.Build.Dense(4, 5)));
        Assert.That(ex.Message, Does.Contain("2 columns").And.Contain("5"));
        Assert.Throws<InvalidOperationException>(() => layer.Backward(Matrix<double>.Build.Dense(4, 3)));
        Assert.Throws<ArgumentException>(() => _ = new DenseLayer<double>(2, 3, new Relu<double>(4), "l"));
    }
}
