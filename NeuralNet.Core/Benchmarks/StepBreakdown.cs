using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Benchmarks;

/// <summary>One part of a training step: its median and 10th-percentile time over the timed steps.</summary>
/// <param name="Name">"gather", "forward", "loss", "backward", "update", "step", or a layer's "forward 0", "backward 2".</param>
/// <param name="MedianMicroseconds">Median over the timed steps.</param>
/// <param name="P10Microseconds">10th percentile (what the part costs when nothing else gets in its way).</param>
public sealed record StepPart(string Name, double MedianMicroseconds, double P10Microseconds);

/// <summary>
/// Where a training step of a benchmark configuration goes: the calls of a step (batch gather, each layer's forward,
/// loss and its gradient, each layer's backward, optimizer update) replayed with a timestamp between parts, on the
/// benchmark's synthetic data, after a warm-up long enough for tiered compilation. A step is timed as a whole too.
/// What <c>bench</c> adds around these calls (the trainer's callbacks and metrics, the dead-neuron counts) is left
/// out. Medians, since a shared machine only ever adds time. Never writes to the console.
/// </summary>
public static class StepBreakdown
{
    /// <summary>
    /// Replays <paramref name="steps"/> timed steps of <paramref name="config"/> after <paramref name="warmupSteps"/> untimed ones,
    /// with <paramref name="activation"/> in the hidden layers (ReLU by default) and products on at most <paramref name="threads"/>
    /// threads (all cores by default), as <see cref="TrainingBenchmark"/> runs them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If a step count is negative, no step is timed, or the thread count is not positive.</exception>
    /// <exception cref="ArgumentException">If the optimizer name is unknown.</exception>
    public static IReadOnlyList<StepPart> Run(BenchmarkConfig config, string optimizer = "sgd", int warmupSteps = 2000, int steps = 1500, long seed = 42,
        ActivationSpec? activation = null, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (threads is { } t) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t);
        using var limit = BenchmarkThreads.Use(threads);
        return Replay(config, optimizer, warmupSteps, steps, seed, activation ?? ActivationSpec.Relu);
    }

    private static IReadOnlyList<StepPart> Replay(BenchmarkConfig config, string optimizer, int warmupSteps, int steps, long seed, ActivationSpec activation)
    {
        var (features, targets) = SyntheticData.Generate(config, seed);
        var widths = config.Layers;
        var net = Mlp<float>.Create(new MlpSpec(widths[0], widths.Skip(1).Take(widths.Count - 2).ToArray(), widths[^1], activation), new Rng(seed));
        var update = OptimizerRegistry.Create(optimizer, net.Parameters, optimizer == "sgd" ? 0.01 : 1e-3);
        var loss = new SoftmaxCrossEntropy<float>();
        var batches = new BatchSource<float>(config.BatchSize);
        float[] rowMajor = BatchSource<float>.ToRowMajor(features);
        int[] order = Enumerable.Range(0, config.Rows).ToArray();
        var rng = new Rng(seed + 1);
        int wholeBatches = config.Rows / config.BatchSize; // the last, shorter batch would be a shape of its own
        var gradient = Matrix<float>.Build.Dense(config.BatchSize, widths[^1]);
        int layers = net.Layers.Count;
        var names = new List<string> { "gather", "forward", "loss", "backward", "update", "step" };
        for (int i = 0; i < layers; i++) names.Add($"forward {i}");
        for (int i = 0; i < layers; i++) names.Add($"backward {i}");
        var ticks = new long[names.Count][];
        for (int p = 0; p < ticks.Length; p++) ticks[p] = new long[steps];

        for (int s = -warmupSteps, batch = 0; s < steps; s++, batch = (batch + 1) % wholeBatches)
        {
            if (batch == 0) rng.Shuffle(order.AsSpan());
            int at = Math.Max(0, s); // warm-up steps overwrite the first slot
            long t0 = Stopwatch.GetTimestamp();
            var (x, y) = batches.GatherBatch(features.ColumnCount, rowMajor, targets, order, batch);
            long t1 = Stopwatch.GetTimestamp();
            var output = x;
            for (int i = 0; i < layers; i++)
            {
                long start = Stopwatch.GetTimestamp();
                output = net.Layers[i].Forward(output);
                ticks[6 + i][at] = Stopwatch.GetTimestamp() - start;
            }
            long t2 = Stopwatch.GetTimestamp();
            loss.Compute(output, y, gradient);
            long t3 = Stopwatch.GetTimestamp();
            update.ZeroGrad();
            var g = gradient;
            for (int i = layers - 1; i >= 0; i--)
            {
                long start = Stopwatch.GetTimestamp();
                g = net.Layers[i].Backward(g, computeInputGradient: i > 0)!;
                ticks[6 + layers + i][at] = Stopwatch.GetTimestamp() - start;
            }
            long t4 = Stopwatch.GetTimestamp();
            update.Step();
            long t5 = Stopwatch.GetTimestamp();
            (ticks[0][at], ticks[1][at], ticks[2][at], ticks[3][at], ticks[4][at], ticks[5][at]) = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0);
        }
        var parts = new StepPart[names.Count];
        for (int p = 0; p < parts.Length; p++)
        {
            Array.Sort(ticks[p]);
            parts[p] = new StepPart(names[p], Microseconds(ticks[p][steps / 2]), Microseconds(ticks[p][steps / 10]));
        }
        return parts;
    }

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
