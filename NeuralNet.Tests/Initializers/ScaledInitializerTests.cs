using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Initializers;

/// <summary>
/// The variance-scaling initializers measured over 100 000 draws. The mean of w² estimates σ² with standard error
/// σ²·√((κ − 1)/n), κ the kurtosis (3 for a normal, 9/5 for a uniform), so 5 standard errors is ≈ 2.2% (normal)
/// or 1.4% (uniform) of σ²: tight enough to tell 2/fan_in from 2/(1.0625·fan_in), loose enough never to flake.
/// </summary>
public class ScaledInitializerTests
{
    private const int FanIn = 50, FanOut = 2000, N = FanIn * FanOut;

    private static double[] Draw(IWeightInitializer init, double? slope, long seed = 5)
    {
        var w = new double[N];
        init.Fill(w, FanIn, FanOut, slope, new Rng(seed));
        return w;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        // Expected variances written from the definitions, not from ScaledInitializer.
        yield return new TestCaseData("he-normal", 0.0, 2.0 / FanIn);
        yield return new TestCaseData("he-normal", 0.25, 2.0 / ((1 + 0.25 * 0.25) * FanIn));
        yield return new TestCaseData("he-normal", 0.01, 2.0 / ((1 + 0.0001) * FanIn));
        yield return new TestCaseData("he-uniform", 0.0, 2.0 / FanIn);
        yield return new TestCaseData("he-uniform", 0.25, 2.0 / ((1 + 0.25 * 0.25) * FanIn));
        yield return new TestCaseData("glorot-normal", 0.0, 2.0 / (FanIn + FanOut));
        yield return new TestCaseData("glorot-uniform", 0.0, 2.0 / (FanIn + FanOut));
        yield return new TestCaseData("lecun-normal", 0.0, 1.0 / FanIn);
        yield return new TestCaseData("lecun-uniform", 0.0, 1.0 / FanIn);
    }

    [TestCaseSource(nameof(Cases))]
    public void Variance_MatchesTheDefinition(string name, double slope, double variance)
    {
        var w = Draw(InitializerRegistry.Get(name), slope);
        bool uniform = name.EndsWith("uniform", StringComparison.Ordinal);
        double kurtosis = uniform ? 9.0 / 5 : 3;
        double meanSquare = w.Average(v => v * v);
        Assert.That(meanSquare, Is.EqualTo(variance).Within(5 * variance * Math.Sqrt((kurtosis - 1) / N)));
        Assert.That(w.Average(), Is.EqualTo(0).Within(5 * Math.Sqrt(variance / N)));
        // The shape: a uniform is bounded by b = √(3σ²) and reaches close to it; a normal's w⁴/σ⁴ averages 3 (a uniform's 1.8).
        if (uniform)
        {
            double bound = Math.Sqrt(3 * variance);
            Assert.That(w.Max(Math.Abs), Is.LessThanOrEqualTo(bound).And.GreaterThan(0.99 * bound));
        }
        else
        {
            Assert.That(w.Average(v => v * v * v * v) / (variance * variance), Is.EqualTo(3).Within(0.2));
        }
    }

    [Test]
    public void He_WithoutASlope_FallsBackToLeCun()
    {
        // A non-rectifier (slope null) gets gain 2/(1 + 1²) = 1, that is LeCun's 1/fan_in.
        Assert.That(ScaledInitializer.HeVariance(FanIn, null), Is.EqualTo(1.0 / FanIn).Within(1e-18));
        Assert.That(ScaledInitializer.HeVariance(FanIn, 0.5), Is.EqualTo(2.0 / (1.25 * FanIn)).Within(1e-18));
    }

    [Test]
    public void SameSeed_SameWeights_OtherSeed_OtherWeights()
    {
        var first = Draw(ScaledInitializer.HeUniform, 0, seed: 9);
        var again = Draw(ScaledInitializer.HeUniform, 0, seed: 9);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Draw(ScaledInitializer.HeNormal, 0, seed: 9), Is.Not.EqualTo(Draw(ScaledInitializer.HeNormal, 0, seed: 10)));
    }

    [Test]
    public void Mlp_PassesEachLayersSlopeToTheInitializer_AndBiasOnlyToHiddenLayers()
    {
        // 400 inputs × 250 units = 100 000 hidden weights: ReLU 2/400, LeakyReLU α = 0.5 2/(1.25·400) = 1/250;
        // the identity output layer (250 → 400) gets LeCun's 1/250. Tolerance 5 standard errors of a normal (see the class remarks).
        foreach (var (activation, hiddenVariance) in new[] { (new ActivationSpec("relu"), 2.0 / 400), (new ActivationSpec("leaky-relu", 0.5), 1.0 / 250) })
        {
            var net = Mlp<double>.Create(new MlpSpec(400, [250], 400, activation, HiddenBias: -0.5), new Rng(3));
            double hidden = net.Layers[0].Weights.Value.Average(v => v * v);
            double output = net.Layers[1].Weights.Value.Average(v => v * v);
            Assert.That(hidden, Is.EqualTo(hiddenVariance).Within(5 * hiddenVariance * Math.Sqrt(2.0 / 100_000)), activation.Name);
            Assert.That(output, Is.EqualTo(1.0 / 250).Within(5 * (1.0 / 250) * Math.Sqrt(2.0 / 100_000)), activation.Name);
            Assert.That(net.Layers[0].Bias.Value, Is.All.EqualTo(-0.5));
            Assert.That(net.Layers[1].Bias.Value, Is.All.Zero);
        }
    }

    [Test]
    public void MlpSpec_Defaults_HeNormalZeroBiasIdentityOutput()
    {
        var spec = new MlpSpec(2, [3], 1, ActivationSpec.Relu);
        Assert.That((spec.Initializer, spec.HiddenBias, spec.EffectiveOutputActivation.Name), Is.EqualTo(("he-normal", 0.0, "identity")));
    }

    [Test]
    public void Registry_RefusesUnknownNamesListingTheValidOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get("orthogonal"));
        Assert.That(ex.Message, Does.Contain("'orthogonal'"));
        Assert.That(InitializerRegistry.Names, Is.EquivalentTo(new[] { "he-normal", "he-uniform", "glorot-normal", "glorot-uniform", "lecun-normal", "lecun-uniform", "rai", "rai-he" }));
        foreach (string name in InitializerRegistry.Names) Assert.That(ex.Message, Does.Contain(name));
    }
}
