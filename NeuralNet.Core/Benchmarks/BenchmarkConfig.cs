namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// A benchmark configuration shared with the peer scripts in <c>shared/bench</c> (<c>common.py</c>): layer widths,
/// batch size and rows of synthetic float32 data, cross-entropy loss.
/// </summary>
/// <param name="Name">"S", "M" or "L".</param>
/// <param name="Layers">Widths from input to output, for example [784, 256, 128, 10].</param>
/// <param name="BatchSize">Rows per training step.</param>
/// <param name="Rows">Rows per epoch.</param>
public sealed record BenchmarkConfig(string Name, IReadOnlyList<int> Layers, int BatchSize, int Rows)
{
    /// <summary>S: 4-16-16-3, batch 16, 150 rows (iris-sized; bounded by per-step overhead).</summary>
    public static BenchmarkConfig S { get; } = new("S", [4, 16, 16, 3], 16, 150);

    /// <summary>M: 784-256-128-10, batch 128, 10,000 rows (MNIST-sized).</summary>
    public static BenchmarkConfig M { get; } = new("M", [784, 256, 128, 10], 128, 10_000);

    /// <summary>L: 1024-1024-1024-10, batch 256, 8,192 rows (bounded by the matrix multiply).</summary>
    public static BenchmarkConfig L { get; } = new("L", [1024, 1024, 1024, 10], 256, 8_192);

    /// <summary>S, M and L.</summary>
    public static IReadOnlyList<BenchmarkConfig> All { get; } = [S, M, L];

    /// <summary>The configuration called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">If the name is not S, M or L.</exception>
    public static BenchmarkConfig Get(string name)
        => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new ArgumentException($"Unknown benchmark configuration '{name}'. Expected one of: S, M, L.", nameof(name));

    /// <summary>Number of weights (biases excluded): Σ inputs × units over the layers.</summary>
    public long Weights
    {
        get
        {
            long total = 0;
            for (int i = 0; i + 1 < Layers.Count; i++) total += (long)Layers[i] * Layers[i + 1];
            return total;
        }
    }

    /// <summary>
    /// Floating-point operations of one training step per sample: 2 per weight forward, 2 for the weight gradient and
    /// 2 for the input gradient, except that the first layer needs no input gradient: 6 × weights − 2 × (first layer's
    /// weights). S: 2,080; M: 1,006,848; L: 10,547,200.
    /// </summary>
    public double FlopsPerSample => 6.0 * Weights - 2.0 * Layers[0] * Layers[1];

    /// <summary>Floating-point operations of one epoch, <see cref="FlopsPerSample"/> × rows.</summary>
    public double FlopsPerEpoch => FlopsPerSample * Rows;
}
