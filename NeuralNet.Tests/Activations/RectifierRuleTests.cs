using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;

namespace NeuralNet.Tests.Activations;

/// <summary>
/// The worked numbers of the source texts, PyTorch's rule at exactly z = 0 (relu'(0) = 0, leaky'(0) = prelu'(0) = α,
/// dL/dα gets nothing from z = 0), and the documented defaults of the rectifiers.
/// </summary>
public class RectifierRuleTests
{
    private static Matrix<double> Row(params double[] values) => Matrix<double>.Build.DenseOfRowArrays(values);

    private static double[] Forward(IActivation<double> act, params double[] z)
    {
        var output = Matrix<double>.Build.Dense(1, z.Length);
        act.Forward(Row(z), output);
        return output.Row(0).ToArray();
    }

    private static double[] BackwardOfOnes(IActivation<double> act, params double[] z)
    {
        var gradZ = Matrix<double>.Build.Dense(1, z.Length);
        act.Backward(Row(z), Matrix<double>.Build.Dense(1, z.Length, 1.0), gradZ);
        return gradZ.Row(0).ToArray();
    }

    [Test]
    public void LeakyRelu_WorkedNumbers()
    {
        // α = 0.01: leaky(-3) = 0.01·(-3) = -0.03, leaky(1.2) = 1.2, leaky(-2) = 0.01·(-2) = -0.02.
        Assert.That(Forward(new LeakyRelu<double>(3, 0.01), -3, 1.2, -2),
            Is.EqualTo(new[] { -0.03, 1.2, -0.02 }).Within(1e-15));
    }

    [Test]
    public void Relu_WorkedNumbers()
    {
        Assert.That(Forward(new Relu<double>(2), 3, -3), Is.EqualTo(new[] { 3.0, 0.0 }));
    }

    [Test]
    public void LeakyRelu_BackwardOfOnes_UsesSlopeAlphaAtZero()
    {
        // z = [-3, -1, 0, 2, 4]: α for z ≤ 0 (so 0.01 at z = 0, PyTorch's rule, not 1), 1 for z > 0.
        Assert.That(BackwardOfOnes(new LeakyRelu<double>(5, 0.01), -3, -1, 0, 2, 4),
            Is.EqualTo(new[] { 0.01, 0.01, 0.01, 1, 1 }));
    }

    [Test]
    public void Relu_DerivativeAtZero_IsZero()
    {
        Assert.That(BackwardOfOnes(new Relu<double>(3), -1, 0, 1), Is.EqualTo(new[] { 0.0, 0.0, 1.0 }));
    }

    [Test]
    public void PRelu_DerivativeAtZero_IsAlpha()
    {
        var prelu = new PRelu<double>(3, initialAlpha: 0.3);
        Assert.That(BackwardOfOnes(prelu, -1, 0, 1), Is.EqualTo(new[] { 0.3, 0.3, 1.0 }));
    }

    [Test]
    public void PRelu_AlphaGradient_GetsNothingFromExactZero()
    {
        // dL/dα = Σ_{z<0} g·z: the rows with z = 0 and z > 0 add nothing, whatever their upstream gradient.
        // z = [-2, 0, 3] with upstream g = [5, 7, 11]: dα = 5·(-2) = -10 (the 7 at z = 0 and the 11 at z = 3 are ignored).
        var prelu = new PRelu<double>(1);
        var z = Matrix<double>.Build.DenseOfColumnArrays([-2.0, 0, 3]);
        var g = Matrix<double>.Build.DenseOfColumnArrays([5.0, 7, 11]);
        prelu.Backward(z, g, Matrix<double>.Build.Dense(3, 1));
        Assert.That(prelu.Alpha.Gradient[0], Is.EqualTo(-10.0));

        prelu.Alpha.ZeroGradient();
        prelu.Backward(Matrix<double>.Build.Dense(3, 1, 0.0), g, Matrix<double>.Build.Dense(3, 1));
        Assert.That(prelu.Alpha.Gradient[0], Is.Zero);
    }

    [Test]
    public void PRelu_PerUnit_AppliesEachUnitsAlpha()
    {
        var prelu = new PRelu<double>(2, perUnit: true);
        prelu.Alpha.Value[1] = 0.5;
        // Unit 0 keeps the initial 0.25, unit 1 uses 0.5: f(-2) = -0.5 and -1.
        Assert.That(Forward(prelu, -2, -2), Is.EqualTo(new[] { -0.5, -1.0 }));
    }

    [Test]
    public void LeakyRelu_DefaultSlope_IsPyTorchs001()
    {
        var leaky = new LeakyRelu<double>(1);
        Assert.That(LeakyRelu<double>.DefaultSlope, Is.EqualTo(0.01));
        Assert.That(leaky.Alpha, Is.EqualTo(0.01));
        Assert.That(Forward(leaky, -1), Is.EqualTo(new[] { -0.01 }));
        var fromRegistry = (LeakyRelu<double>)ActivationRegistry.Create<double>(ActivationSpec.LeakyRelu, 1);
        Assert.That(fromRegistry.Alpha, Is.EqualTo(0.01));
    }

    [Test]
    public void PRelu_Defaults_AlphaIsSharedLearned025WithoutWeightDecay()
    {
        var prelu = (PRelu<double>)ActivationRegistry.Create<double>(ActivationSpec.PRelu, 3, "layer0");
        Assert.That(PRelu<double>.DefaultInitialAlpha, Is.EqualTo(0.25));
        Assert.That(prelu.PerUnit, Is.False);
        Assert.That(prelu.Alpha.Value, Is.EqualTo(new[] { 0.25 }));
        Assert.That(prelu.Alpha.ApplyWeightDecay, Is.False);
        Assert.That(prelu.Alpha.Name, Is.EqualTo("layer0.alpha"));
        Assert.That(prelu.Parameters, Is.EqualTo(new[] { prelu.Alpha }));
    }

    [Test]
    public void PRelu_PerUnitFromSpec_HasOneAlphaPerUnit()
    {
        var prelu = (PRelu<double>)ActivationRegistry.Create<double>(new ActivationSpec("prelu", 0.1, PerUnitAlpha: true), 4);
        Assert.That(prelu.Alpha.Value, Is.EqualTo(new[] { 0.1, 0.1, 0.1, 0.1 }));
    }

    [TestCase(0.0009, true)]
    [TestCase(-0.0009, true)]
    [TestCase(0.0011, false)]
    [TestCase(-0.5, false)]
    [TestCase(0.25, false)]
    public void PRelu_BlocksGradient_OnlyBelowDeadSlopeThreshold(double alpha, bool blocks)
    {
        // The documented threshold is 1e-3, a tenth of LeakyReLU's default slope; it compares |α|.
        Assert.That(PRelu<double>.DeadSlopeThreshold, Is.EqualTo(1e-3));
        Assert.That(new PRelu<double>(1, initialAlpha: alpha).BlocksGradientWhenNegative(0), Is.EqualTo(blocks));
    }

    [Test]
    public void BlocksGradient_ReluAlwaysLeakyOnlyWithZeroSlope()
    {
        Assert.That(new Relu<double>(1).BlocksGradientWhenNegative(0), Is.True);
        Assert.That(new LeakyRelu<double>(1).BlocksGradientWhenNegative(0), Is.False);
        Assert.That(new LeakyRelu<double>(1, 0).BlocksGradientWhenNegative(0), Is.True);
        Assert.That(new Tanh<double>(1).BlocksGradientWhenNegative(0), Is.False);
    }

    [Test]
    public void NegativeSlope_FeedsTheHeGain()
    {
        Assert.That(new Relu<double>(1).NegativeSlope, Is.EqualTo(0.0));
        Assert.That(new LeakyRelu<double>(1, 0.2).NegativeSlope, Is.EqualTo(0.2));
        Assert.That(new PRelu<double>(1).NegativeSlope, Is.EqualTo(0.25));
        Assert.That(new Sigmoid<double>(1).NegativeSlope, Is.Null);
    }

    [Test]
    public void Sigmoid_IsFiniteAndSaturatesForHugeInputs()
    {
        // σ(±1000) must not overflow: 1 and 0 (σ(0) = 1/2, σ(2) = 1/(1+e⁻²)).
        Assert.That(Forward(new Sigmoid<double>(4), -1000, 0, 2, 1000),
            Is.EqualTo(new[] { 0, 0.5, 1 / (1 + Math.Exp(-2)), 1 }).Within(1e-15));
    }
}
