using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;

namespace NeuralNet.Tests.Activations;

/// <summary>
/// Every activation's backward against central differences of L = Σ r ⊙ f(z) with a fixed random r,
/// on pre-activations kept at least 0.1 away from the rectifiers' kink (the rule at exactly 0 is pinned in RectifierRuleTests).
/// </summary>
public class ActivationGradientTests
{
    private const int Rows = 5, Units = 4;

    private static IEnumerable<TestCaseData> Activations()
    {
        yield return new TestCaseData(new Func<IActivation<double>>(() => new Relu<double>(Units))).SetArgDisplayNames("relu");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new LeakyRelu<double>(Units))).SetArgDisplayNames("leaky-relu 0.01");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new LeakyRelu<double>(Units, 0.3))).SetArgDisplayNames("leaky-relu 0.3");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new PRelu<double>(Units))).SetArgDisplayNames("prelu shared");
        yield return new TestCaseData(new Func<IActivation<double>>(() => PerUnitPRelu())).SetArgDisplayNames("prelu per unit");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new Identity<double>(Units))).SetArgDisplayNames("identity");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new Sigmoid<double>(Units))).SetArgDisplayNames("sigmoid");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new Tanh<double>(Units))).SetArgDisplayNames("tanh");
    }

    /// <summary>A per-unit PReLU whose α differ (one negative), so that mixing up units would show.</summary>
    private static PRelu<double> PerUnitPRelu()
    {
        var prelu = new PRelu<double>(Units, perUnit: true);
        double[] alphas = [0.25, -0.1, 0.6, 0.05];
        alphas.CopyTo(prelu.Alpha.Value, 0);
        return prelu;
    }

    [TestCaseSource(nameof(Activations))]
    public void Backward_MatchesCentralDifferences(Func<IActivation<double>> create)
    {
        var act = create();
        var rng = new Rng(11);
        var z = GradientCheck.AwayFromZero(rng, Rows, Units);
        var r = GradientCheck.Uniform(rng, Rows, Units);
        var output = Matrix<double>.Build.Dense(Rows, Units);
        double Objective()
        {
            act.Forward(z, output);
            return GradientCheck.Dot(r, output);
        }

        var gradZ = Matrix<double>.Build.Dense(Rows, Units);
        act.Backward(z, r, gradZ);

        GradientCheck.AssertGradient($"{act.Name} dL/dz", Objective, GradientCheck.Values(z), GradientCheck.Values(gradZ));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void PRelu_AlphaGradient_MatchesCentralDifferences(bool perUnit)
    {
        var prelu = perUnit ? PerUnitPRelu() : new PRelu<double>(Units);
        var rng = new Rng(12);
        var z = GradientCheck.AwayFromZero(rng, Rows, Units);
        var r = GradientCheck.Uniform(rng, Rows, Units);
        var output = Matrix<double>.Build.Dense(Rows, Units);
        double Objective()
        {
            prelu.Forward(z, output);
            return GradientCheck.Dot(r, output);
        }

        prelu.Alpha.ZeroGradient();
        prelu.Backward(z, r, Matrix<double>.Build.Dense(Rows, Units));

        Assert.That(prelu.Alpha.Length, Is.EqualTo(perUnit ? Units : 1));
        GradientCheck.AssertGradient("prelu dL/dα", Objective, prelu.Alpha.Value, prelu.Alpha.Gradient);
    }

    [Test]
    public void PRelu_AlphaGradient_Accumulates()
    {
        // Gradients accumulate (+=) until ZeroGrad: two backward passes give twice the gradient of one.
        var prelu = new PRelu<double>(Units);
        var rng = new Rng(13);
        var z = GradientCheck.AwayFromZero(rng, Rows, Units);
        var r = GradientCheck.Uniform(rng, Rows, Units);
        var gradZ = Matrix<double>.Build.Dense(Rows, Units);
        prelu.Backward(z, r, gradZ);
        double once = prelu.Alpha.Gradient[0];
        prelu.Backward(z, r, gradZ);

        Assert.That(once, Is.Not.EqualTo(0.0));
        Assert.That(prelu.Alpha.Gradient[0], Is.EqualTo(2 * once).Within(1e-15));
    }
}
