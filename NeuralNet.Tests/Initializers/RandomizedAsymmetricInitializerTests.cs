using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Initializers;

public class RandomizedAsymmetricInitializerTests
{
    private const int FanIn = 8, FanOut = 4000;

    private static (double[] Weights, double[] Bias) Draw(long seed, RandomizedAsymmetricInitializer? init = null)
    {
        var w = new double[FanIn * FanOut];
        var b = new double[FanOut];
        (init ?? RandomizedAsymmetricInitializer.Paper).Fill(w, b, FanIn, FanOut, new Rng(seed));
        return (w, b);
    }

    [Test]
    public void EveryUnit_HasAPositiveEntryAmongItsWeightsAndBias()
    {
        // The Beta(2, 1) entry is > 0 with probability 1, so no unit starts with all of (w, b) ≤ 0.
        var (w, b) = Draw(1);
        for (int unit = 0; unit < FanOut; unit++)
        {
            bool positive = b[unit] > 0;
            for (int i = 0; i < FanIn; i++) positive |= w[unit * FanIn + i] > 0;
            Assert.That(positive, Is.True, $"unit {unit}");
        }
    }

    [Test]
    public void HeMatchedVariant_SecondMomentPerUnit_MatchesHe()
    {
        // E‖(w, b)‖² = E[β²] + N·σ² = 1/2 + N · 3/(2N) = 2, He's N · 2/N.
        var (w, b) = Draw(2, RandomizedAsymmetricInitializer.HeMatched);
        var norms = Enumerable.Range(0, FanOut)
            .Select(u => b[u] * b[u] + Enumerable.Range(0, FanIn).Sum(i => w[u * FanIn + i] * w[u * FanIn + i])).ToArray();
        double mean = norms.Average();
        double sd = Math.Sqrt(norms.Sum(n => (n - mean) * (n - mean)) / (FanOut - 1));
        Assert.That(mean, Is.EqualTo(2.0).Within(5 * sd / Math.Sqrt(FanOut)));
    }

    [Test]
    public void SameSeed_SameDraws_AndLayersGetTheirBiasFromIt()
    {
        var first = Draw(3).Weights;
        var second = Draw(3).Weights;
        Assert.That(second, Is.EqualTo(first));
        var net = Mlp<double>.Create(new MlpSpec(3, [5], 1, ActivationSpec.Relu, Initializer: "rai"), new Rng(4));
        Assert.That(net.Layers[0].Bias.Value.Any(v => v != 0), Is.True, "rai draws biases, unlike the variance-scaling family");
    }

    [Test]
    public void Paper_SecondMomentPerUnit_IsHalfPlusSigmaSquared()
    {
        // E‖(w, b)‖² = E[β²] + N·σ² = 1/2 + N · 0.6007²/N = 0.5 + 0.36084049.
        var (w, b) = Draw(5);
        var norms = Enumerable.Range(0, FanOut)
            .Select(u => b[u] * b[u] + Enumerable.Range(0, FanIn).Sum(i => w[u * FanIn + i] * w[u * FanIn + i])).ToArray();
        double mean = norms.Average();
        double sd = Math.Sqrt(norms.Sum(n => (n - mean) * (n - mean)) / (FanOut - 1));
        Assert.That(mean, Is.EqualTo(0.5 + 0.6007 * 0.6007).Within(5 * sd / Math.Sqrt(FanOut)));
        Assert.That(RandomizedAsymmetricInitializer.Paper.SymmetricVariance(FanIn), Is.EqualTo(0.6007 * 0.6007 / FanIn).Within(1e-15));
    }

    /// <summary>
    /// A ReLU unit with one input, measured on the rows x = −1 and x = +1, is dead exactly when |w| + b ≤ 0.
    /// With RAI, half the units get the Beta(2, 1) draw β in the bias (then b &gt; 0: never dead); the other half have
    /// |w| = β and b ~ N(0, σ²), dead when b ≤ −β. So P(born dead) = ½ E_β[Φ(−β/σ)] = ½ ∫₀¹ 2x Φ(−x/σ) dx, which by
    /// parts is ½ [Φ(−1/σ) + σ² (Φ(1/σ) − ½ − φ(1/σ)/σ)] (σ = 0.6007 → 0.0756; σ = √1.5 → 0.148).
    /// </summary>
    [TestCase("rai", 0.6007)]
    [TestCase("rai-he", 1.224744871391589)]
    public void BornDeadRate_OfTheToolsMeasurement_MatchesTheDerivedProbability(string init, double sigma)
    {
        const int units = 20_000;
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1);
        double a = 1 / sigma;
        double expected = 0.5 * (normal.CumulativeDistribution(-a) + sigma * sigma * (normal.CumulativeDistribution(a) - 0.5 - a * normal.Density(a)));

        var net = Mlp<double>.Create(new MlpSpec(1, [units], 1, ActivationSpec.Relu, Initializer: init), new Rng(11));
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfColumnArrays([-1.0, 1]);
        var stats = NeuralNet.Core.Diagnostics.LayerDeadStats.From(new NeuralNet.Core.Diagnostics.ActivityMeter<double>(net, 2).Measure(x)[0]);

        double rate = (double)stats.Dead / units;
        double se = Math.Sqrt(expected * (1 - expected) / units);
        Assert.That(rate, Is.EqualTo(expected).Within(4 * se), $"derived {expected:F4}");
    }
}
