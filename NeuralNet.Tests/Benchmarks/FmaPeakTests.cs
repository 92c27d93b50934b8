using NeuralNet.Core.Benchmarks;

namespace NeuralNet.Tests.Benchmarks;

public class FmaPeakTests
{
    [TestCase("S")]
    [TestCase("M")]
    [TestCase("L")]
    public void FlopsPerSample_IsSixPerWeightLessTheFirstLayersInputGradient(string name)
    {
        var config = BenchmarkConfig.Get(name);
        // Forward 2, weight gradient 2 and input gradient 2 per weight; the first layer has no input gradient.
        double expected = 0;
        for (int i = 0; i + 1 < config.Layers.Count; i++)
            expected += (i == 0 ? 4.0 : 6.0) * config.Layers[i] * config.Layers[i + 1];
        Assert.That(config.FlopsPerSample, Is.EqualTo(expected));
        Assert.That(config.FlopsPerEpoch, Is.EqualTo(expected * config.Rows));
    }

    [Test]
    public void Peak_IsPositiveWhereTheCpuHasVectorFma_AndZeroWhereItHasNone()
    {
        var one = FmaPeak.Measure(1, seconds: 0.05, repeats: 1);
        Assert.That(one.Threads, Is.EqualTo(1));
        if (FmaPeak.Isa == "none")
        {
            Assert.That(one.GflopsPerSecond, Is.Zero);
            return;
        }
        Assert.That(one.GflopsPerSecond, Is.GreaterThan(0));
        Assert.That(one.Isa, Is.EqualTo(FmaPeak.Isa));
    }

    [Test]
    public void PercentOf_IsTheShareOfThePeaksGflops()
    {
        var result = new TrainingBenchmarkResult("M", "sgd", "relu", 2, 1000, 900, 1100, 1, 1, 50, 0, 1, 1);
        Assert.That(result.PercentOf(new FmaPeakResult("avx512", 2, 200)), Is.EqualTo(25.0));
        Assert.That(result.PercentOf(new FmaPeakResult("none", 2, 0)), Is.NaN);
    }

    [Test]
    public void Measure_RefusesNonPositiveThreads()
        => Assert.Throws<ArgumentOutOfRangeException>(() => FmaPeak.Measure(0));
}
