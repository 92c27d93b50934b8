using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Benchmarks;

/// <summary>The three products of a dense layer, as the <see cref="Gemm"/> seam names them.</summary>
public enum GemmProduct
{
    /// <summary>a·b: the forward product z = x·W.</summary>
    AB,

    /// <summary>aᵀ·b: the weight gradient dW = xᵀ·dz, written over dW as a training step writes it (its gradients start at zero).</summary>
    AtB,

    /// <summary>a·bᵀ: the input gradient dx = dz·Wᵀ.</summary>
    ABt,

    /// <summary>
    /// dW = xᵀ·dz and dx = dz·Wᵀ in one call, as a training step's backward pass runs them for every layer but the
    /// first (<see cref="Gemm.WeightAndInputGradients{T}"/>: side by side on two threads where that pays). Its
    /// m × n × k is the weight gradient's, and a call is 4·m·n·k floating-point operations.
    /// </summary>
    GradientPair,
}

/// <summary>Throughput of one matrix product shape.</summary>
/// <param name="Label">What the product is, for example "M layer0 forward".</param>
/// <param name="Product">Which of the three products.</param>
/// <param name="M">Rows of the result.</param>
/// <param name="N">Columns of the result.</param>
/// <param name="K">Inner dimension.</param>
/// <param name="Gflops">Median GFLOP/s (2·m·n·k per call, 4·m·n·k for a <see cref="GemmProduct.GradientPair"/>) over the repeats.</param>
/// <param name="MinGflops">Slowest repeat.</param>
/// <param name="MaxGflops">Fastest repeat.</param>
/// <param name="BytesPerCall">Managed bytes allocated per call on the calling thread, after warm-up.</param>
public sealed record GemmBenchmarkResult(string Label, GemmProduct Product, int M, int N, int K,
    double Gflops, double MinGflops, double MaxGflops, double BytesPerCall)
{
    /// <summary>Floating-point operations of one call (<see cref="GemmBenchmark.FlopsPerCall"/>).</summary>
    public double Flops => GemmBenchmark.FlopsPerCall(Product, M, N, K);
}

/// <summary>Measures the <see cref="Gemm"/> seam in GFLOP/s on float32. Returns records; never writes to the console.</summary>
public static class GemmBenchmark
{
    /// <summary>Times the m × n × k <paramref name="product"/> on random float matrices.</summary>
    /// <param name="m">Rows of the result.</param>
    /// <param name="n">Columns of the result.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="product">Which product.</param>
    /// <param name="label">Free text carried into the result.</param>
    /// <param name="repeats">Timed repeats; the median is reported. Default 5.</param>
    /// <param name="secondsPerRepeat">Each repeat calls the product until this many seconds have passed; default 0.2.</param>
    /// <exception cref="ArgumentOutOfRangeException">If a size or the repeat settings are not positive.</exception>
    public static GemmBenchmarkResult Measure(int m, int n, int k, GemmProduct product, string label = "", int repeats = 5,
        double secondsPerRepeat = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(secondsPerRepeat);
        var rng = new Rng(m * 7919L + n * 31L + k);
        Matrix<float> Random(int rows, int cols) => Matrix<float>.Build.Dense(rows, cols, (_, _) => (float)rng.NextGaussian());
        bool transposedA = product is GemmProduct.AtB or GemmProduct.GradientPair;
        var a = transposedA ? Random(k, m) : Random(m, k);
        var b = product == GemmProduct.ABt ? Random(n, k) : Random(k, n);
        var c = Matrix<float>.Build.Dense(m, n);
        // The pair's second product: dx (k × m) = dz (b) · Wᵀ, W m × n.
        var weights = product == GemmProduct.GradientPair ? Random(m, n) : null;
        var inputGradient = product == GemmProduct.GradientPair ? Matrix<float>.Build.Dense(k, m) : null;
        void Call()
        {
            switch (product)
            {
                case GemmProduct.AB: Gemm.Multiply(a, b, c); break;
                case GemmProduct.AtB: Gemm.TransposeThisAndMultiply(a, b, c, accumulate: false); break;
                case GemmProduct.ABt: Gemm.TransposeAndMultiply(a, b, c); break;
                default: Gemm.WeightAndInputGradients(a, b, weights!, c, accumulate: false, inputGradient!); break;
            }
        }

        for (int i = 0; i < 3; i++) Call();
        double flops = FlopsPerCall(product, m, n, k);
        var gflops = new double[repeats];
        long allocated = 0, calls = 0;
        for (int r = 0; r < repeats; r++)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            int count = 0;
            do
            {
                Call();
                count++;
            } while (Stopwatch.GetElapsedTime(start).TotalSeconds < secondsPerRepeat);
            gflops[r] = flops * count / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9;
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            calls += count;
        }
        Array.Sort(gflops);
        return new GemmBenchmarkResult(label, product, m, n, k, gflops[repeats / 2], gflops[0], gflops[^1], (double)allocated / calls);
    }

    /// <summary>Floating-point operations of one call: 2·m·n·k, twice that for a <see cref="GemmProduct.GradientPair"/>.</summary>
    public static double FlopsPerCall(GemmProduct product, int m, int n, int k)
        => (product == GemmProduct.GradientPair ? 4.0 : 2.0) * m * n * k;

    /// <summary>
    /// The products of every layer of <paramref name="config"/> at its batch size, layer after layer: forward,
    /// weight gradient, input gradient and, past the first layer, the gradient pair (see <see cref="LayerShapes"/>), on at most <paramref name="threads"/> threads
    /// (every core when null), as <c>bench --threads</c> runs training.
    /// </summary>
    public static IReadOnlyList<GemmBenchmarkResult> ForConfig(BenchmarkConfig config, int repeats = 5, double secondsPerRepeat = 0.2,
        int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (threads is { } t) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t);
        using var limit = BenchmarkThreads.Use(threads);
        var results = new List<GemmBenchmarkResult>();
        string[] names = ["forward x·W", "dW=xᵀ·dz", "dx=dz·Wᵀ", "dW‖dx pair"];
        for (int i = 0; i + 1 < config.Layers.Count; i++)
        {
            string layer = $"{config.Name} layer{i} {config.Layers[i]}->{config.Layers[i + 1]}";
            var shapes = LayerShapes(config, i);
            for (int p = 0; p < shapes.Length; p++)
            {
                var (product, m, n, k) = shapes[p];
                results.Add(Measure(m, n, k, product, $"{layer} {names[p]}", repeats, secondsPerRepeat));
            }
        }
        return results;
    }

    /// <summary>
    /// Layer <paramref name="layer"/>'s three products at the batch size of <paramref name="config"/>, as (product,
    /// m, n, k): z = x·W (batch × units over inputs), dW = xᵀ·dz (inputs × units over batch), dx = dz·Wᵀ (batch × inputs
    /// over units); then, for every layer but the first, dW and dx as the one call a step makes (inputs × units over batch).
    /// </summary>
    public static (GemmProduct Product, int M, int N, int K)[] LayerShapes(BenchmarkConfig config, int layer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, config.Layers.Count - 1);
        int batch = config.BatchSize, inputs = config.Layers[layer], units = config.Layers[layer + 1];
        (GemmProduct, int, int, int)[] three = [(GemmProduct.AB, batch, units, inputs), (GemmProduct.AtB, inputs, units, batch), (GemmProduct.ABt, batch, inputs, units)];
        return layer == 0 ? three : [.. three, (GemmProduct.GradientPair, inputs, units, batch)];
    }
}
