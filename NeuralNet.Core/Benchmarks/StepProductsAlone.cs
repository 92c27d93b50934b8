namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// What the matrix products of one training step take when each runs alone, repeatedly, on its own warm operands
/// (<see cref="GemmBenchmark.ForConfig"/>), at the configuration's batch size: every layer's forward product, the first
/// layer's weight gradient, and every later layer's weight and input gradients as the one call a step makes
/// (<see cref="GemmProduct.GradientPair"/>). These are the step's floating-point operations
/// (<see cref="BenchmarkConfig.FlopsPerSample"/> per row), so <see cref="GflopsPerSecond"/> is the most a whole step
/// could reach while its products run no faster than alone and everything else in it (gather, loss, passes,
/// optimizer update, hand-offs between threads) took no time at all.
/// </summary>
/// <param name="Config">The configuration whose step this is.</param>
/// <param name="MicrosecondsPerStep">The products' times, summed (each from its median GFLOP/s).</param>
/// <param name="Flops">Floating-point operations of those products: <see cref="BenchmarkConfig.FlopsPerSample"/> × batch.</param>
public sealed record StepProductsAlone(BenchmarkConfig Config, double MicrosecondsPerStep, double Flops)
{
    /// <summary>The step's products per second of their summed time, in GFLOP/s.</summary>
    public double GflopsPerSecond => Flops / MicrosecondsPerStep / 1e3;

    /// <summary>
    /// Sums the products of one step from <paramref name="results"/>, which must be
    /// <see cref="GemmBenchmark.ForConfig"/>'s for <paramref name="config"/>, in the order of
    /// <see cref="GemmBenchmark.LayerShapes"/>. The first layer's input gradient is left out, as a step computes none,
    /// and so are the later layers' two gradients timed apart, as a step runs them as their pair.
    /// </summary>
    /// <exception cref="ArgumentException">If the results are not the products of each of the configuration's layers.</exception>
    public static StepProductsAlone From(BenchmarkConfig config, IReadOnlyList<GemmBenchmarkResult> results)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(results);
        int layers = config.Layers.Count - 1, index = 0;
        double seconds = 0, flops = 0;
        for (int layer = 0; layer < layers; layer++)
            foreach (var expected in GemmBenchmark.LayerShapes(config, layer))
            {
                if (index >= results.Count)
                    throw new ArgumentException($"Expected the products of each of {config.Name}'s {layers} layers; the results end at {index}.", nameof(results));
                var r = results[index++];
                if ((r.Product, r.M, r.N, r.K) != expected)
                    throw new ArgumentException($"Result {index - 1} is {r.Product} {r.M}x{r.N}x{r.K}; {config.Name} layer {layer} needs {expected}.", nameof(results));
                bool inStep = r.Product is GemmProduct.AB || (layer == 0 ? r.Product is GemmProduct.AtB : r.Product is GemmProduct.GradientPair);
                if (!inStep) continue;
                flops += r.Flops;
                seconds += r.Flops / (r.Gflops * 1e9);
            }
        if (index != results.Count)
            throw new ArgumentException($"Expected {index} results for {config.Name}'s {layers} layers, got {results.Count}.", nameof(results));
        return new StepProductsAlone(config, seconds * 1e6, flops);
    }

    /// <summary>The share of <paramref name="peak"/> that <see cref="GflopsPerSecond"/> reaches, in percent.</summary>
    public double PercentOf(FmaPeakResult peak)
    {
        ArgumentNullException.ThrowIfNull(peak);
        return peak.PercentReachedBy(GflopsPerSecond);
    }
}
