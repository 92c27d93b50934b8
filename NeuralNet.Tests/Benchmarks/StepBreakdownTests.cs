using NeuralNet.Core.Benchmarks;

namespace NeuralNet.Tests.Benchmarks;

/// <summary>The step breakdown names every part and every layer, and times each one.</summary>
[TestFixture]
public sealed class StepBreakdownTests
{
    [Test]
    public void Names_each_part_and_each_layer_with_a_time()
    {
        var config = BenchmarkConfig.S;
        var parts = StepBreakdown.Run(config, "adam", warmupSteps: 20, steps: 30);
        int layers = config.Layers.Count - 1;
        var expected = new[] { "gather", "forward", "loss", "backward", "update", "step" }
            .Concat(Enumerable.Range(0, layers).Select(i => $"forward {i}"))
            .Concat(Enumerable.Range(0, layers).Select(i => $"backward {i}"));
        Assert.That(parts.Select(p => p.Name), Is.EqualTo(expected));
        Assert.That(parts.All(p => p.MedianMicroseconds > 0 && p.P10Microseconds > 0 && p.P10Microseconds <= p.MedianMicroseconds), Is.True);
        // Each step's parts lie inside its whole, so their medians cannot exceed the whole's.
        var step = parts.Single(p => p.Name == "step");
        foreach (var part in parts.Take(5))
            Assert.That(part.MedianMicroseconds, Is.LessThanOrEqualTo(step.MedianMicroseconds), part.Name);
    }

    [Test]
    public void Refuses_an_empty_run_or_an_unknown_optimizer()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StepBreakdown.Run(BenchmarkConfig.S, steps: 0));
        Assert.Throws<ArgumentException>(() => StepBreakdown.Run(BenchmarkConfig.S, "nope", warmupSteps: 0, steps: 1));
    }
}
