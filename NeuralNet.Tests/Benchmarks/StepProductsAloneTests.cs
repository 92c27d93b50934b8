using NeuralNet.Core.Benchmarks;

namespace NeuralNet.Tests.Benchmarks;

public class StepProductsAloneTests
{
    /// <summary>ForConfig-shaped results for <paramref name="config"/>, each product at the GFLOP/s <paramref name="rate"/> gives it.</summary>
    private static List<GemmBenchmarkResult> Results(BenchmarkConfig config, Func<int, GemmProduct, double> rate)
    {
        var results = new List<GemmBenchmarkResult>();
        for (int layer = 0; layer + 1 < config.Layers.Count; layer++)
            foreach (var (product, m, n, k) in GemmBenchmark.LayerShapes(config, layer))
            {
                double g = rate(layer, product);
                results.Add(new GemmBenchmarkResult($"layer{layer}", product, m, n, k, g, g, g, 0));
            }
        return results;
    }

    [TestCaseSource(typeof(BenchmarkConfig), nameof(BenchmarkConfig.All))]
    public void TheStepsProducts_AreItsFlops_AndTheirTimesAdd(BenchmarkConfig config)
    {
        // Layer i's products at (i + 1) GFLOP/s: each takes its FLOPs / rate, summed over the products a step runs.
        var alone = StepProductsAlone.From(config, Results(config, (layer, _) => layer + 1));

        Assert.That(alone.Flops, Is.EqualTo(config.FlopsPerSample * config.BatchSize));
        double expectedSeconds = 0;
        for (int i = 0; i + 1 < config.Layers.Count; i++)
        {
            double perProduct = 2.0 * config.BatchSize * config.Layers[i] * config.Layers[i + 1];
            int products = i == 0 ? 2 : 3; // no input gradient for the first layer
            expectedSeconds += products * perProduct / ((i + 1) * 1e9);
        }
        Assert.That(alone.MicrosecondsPerStep, Is.EqualTo(expectedSeconds * 1e6).Within(1e-9).Percent);
        Assert.That(alone.GflopsPerSecond, Is.EqualTo(alone.Flops / expectedSeconds / 1e9).Within(1e-9).Percent);
    }

    [Test]
    public void TheFirstLayersInputGradient_CostsNothing()
    {
        var config = BenchmarkConfig.M;
        var fast = StepProductsAlone.From(config, Results(config, (_, _) => 100));
        var slowFirstDx = StepProductsAlone.From(config, Results(config, (layer, p) => layer == 0 && p == GemmProduct.ABt ? 1e-6 : 100));

        Assert.That(slowFirstDx.MicrosecondsPerStep, Is.EqualTo(fast.MicrosecondsPerStep));
        Assert.That(fast.GflopsPerSecond, Is.EqualTo(100).Within(1e-9).Percent, "every product at 100 GFLOP/s");
    }

    [Test]
    public void LaterLayersGradients_CountAsTheirPair_NotApart()
    {
        var config = BenchmarkConfig.L;
        var fast = StepProductsAlone.From(config, Results(config, (_, _) => 100));
        var slowApart = StepProductsAlone.From(config, Results(config, (layer, p) => layer > 0 && p is GemmProduct.AtB or GemmProduct.ABt ? 1e-6 : 100));
        var slowPair = StepProductsAlone.From(config, Results(config, (_, p) => p == GemmProduct.GradientPair ? 50 : 100));

        Assert.That(slowApart.MicrosecondsPerStep, Is.EqualTo(fast.MicrosecondsPerStep));
        // Each pair is 4·m·n·k: at half the rate it takes twice as long.
        double pairs = 0;
        for (int i = 1; i + 1 < config.Layers.Count; i++) pairs += 4.0 * config.BatchSize * config.Layers[i] * config.Layers[i + 1];
        Assert.That(slowPair.MicrosecondsPerStep - fast.MicrosecondsPerStep, Is.EqualTo(pairs / 100e9 * 1e6).Within(1e-9).Percent);
    }

    [Test]
    public void ThePair_IsMeasuredAsOneCall_OfFourMnkFlops()
    {
        var pair = GemmBenchmark.Measure(24, 16, 8, GemmProduct.GradientPair, "pair", repeats: 1, secondsPerRepeat: 0.01);

        Assert.That(pair.Flops, Is.EqualTo(4.0 * 24 * 16 * 8));
        Assert.That(pair.Gflops, Is.GreaterThan(0).And.LessThan(double.PositiveInfinity));
        Assert.That(GemmBenchmark.FlopsPerCall(GemmProduct.AtB, 24, 16, 8), Is.EqualTo(2.0 * 24 * 16 * 8));
    }

    [Test]
    public void PercentOfPeak_IsTheProductsRateOverThePeak()
    {
        var alone = StepProductsAlone.From(BenchmarkConfig.S, Results(BenchmarkConfig.S, (_, _) => 50));

        Assert.That(alone.PercentOf(new FmaPeakResult("avx512", 2, 200)), Is.EqualTo(25.0).Within(1e-9));
        Assert.That(alone.PercentOf(new FmaPeakResult("none", 2, 0)), Is.NaN);
    }

    [Test]
    public void ResultsOfAnotherConfiguration_AreRefused()
    {
        var ofM = Results(BenchmarkConfig.M, (_, _) => 1);

        Assert.Throws<ArgumentException>(() => StepProductsAlone.From(BenchmarkConfig.L, ofM));
        Assert.Throws<ArgumentException>(() => StepProductsAlone.From(BenchmarkConfig.M, ofM.Take(8).ToList()));
        var swapped = ofM.ToList();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        Assert.Throws<ArgumentException>(() => StepProductsAlone.From(BenchmarkConfig.M, swapped));
    }
}
