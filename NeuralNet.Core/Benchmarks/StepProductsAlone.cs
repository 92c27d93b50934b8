namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// What the matrix products of one training step take when each runs alone, repeatedly, on its own warm operands
/// (<see cref="GemmBenchmark.ForConfig"/>): every layer's forward product and weight gradient, and the input gradient
/// of every layer but the first, at the configuration's batch size. These are the step's floating-point operations
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
    /// <see cref="GemmBenchmark.ForConfig"/>'s for <paramref name="config"/>: three per layer, forward, weight
    /// gradient, input gradient, layer after layer. The first layer's input gradient is left out, as a step computes none.
    /// </summary>
    /// <exception cref="ArgumentException">If the results are not the three products of each of the configuration's layers.</exception>
    public static StepProductsAlone From(BenchmarkConfig config, IReadOnlyList<GemmBenchmarkResult> results)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(results);
        int layers = config.Layers.Count - 1;
        if (results.Count != 3 * layers)
            throw new ArgumentException($"Expected the 3 products of each of {config.Name}'s {layers} layers, got {results.Count} results.", nameof(results));
        double seconds = 0, flops = 0;
        for (int layer = 0; layer < layers; layer++)
        {
            var expected = GemmBenchmark.LayerShapes(config, layer);
            for (int p = 0; p < 3; p++)
            {
                var r = results[3 * layer + p];
                if ((r.Product, r.M, r.N, r.K) != expected[p])
                    throw new ArgumentException($"Result {3 * layer + p} is {r.Product} {r.M}x{r.N}x{r.K}; {config.Name} layer {layer} needs {expected[p]}.", nameof(results));
                if (layer == 0 && r.Product == GemmProduct.ABt) continue;
                double productFlops = 2.0 * r.M * r.N * r.K;
                flops += productFlops;
                seconds += productFlops / (r.Gflops * 1e9);
            }
        }
        return new StepProductsAlone(config, seconds * 1e6, flops);
    }

    /// <summary>The share of <paramref name="peak"/> that <see cref="GflopsPerSecond"/> reaches, in percent.</summary>
    public double PercentOf(FmaPeakResult peak)
    {
        ArgumentNullException.ThrowIfNull(peak);
        return peak.GflopsPerSecond > 0 ? 100.0 * GflopsPerSecond / peak.GflopsPerSecond : double.NaN;
    }
}
