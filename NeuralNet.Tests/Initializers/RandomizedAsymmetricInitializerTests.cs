using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Initializers;

public class RandomizedAsymmetricInitializerTests
{
    private const int FanIn = 8, FanOut = 4000;

    private static (double[] Weights, double[] Bias) Draw(long seed)
    {
        var w = new double[FanIn * FanOut];
        var b = new double[FanOut];
        RandomizedAsymmetricInitializer.Instance.Fill(w, b, FanIn, FanOut, new Rng(seed));
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
    public void SecondMomentPerUnit_MatchesHe()
    {
        // E‖(w, b)‖² = E[β²] + N·σ² = 1/2 + N · 3/(2N) = 2, He's N · 2/N.
        var (w, b) = Draw(2);
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
}
