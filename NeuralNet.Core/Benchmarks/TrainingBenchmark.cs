using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// Measures training throughput the way the peer scripts do: one untimed warm-up epoch, then repeats of whole
/// epochs, median samples/s. Like the peers, every epoch shuffles the rows and gathers each batch (through
/// <see cref="BatchSource{T}"/>, as the trainer does); the step is forward, loss and its gradient, backward,
/// optimizer step, zero the gradients. Returns a record; never writes to the console.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>Runs the benchmark described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">If the optimizer is not "sgd" or "adam", or the activation is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">If repeats, seconds or threads are not positive.</exception>
    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Repeats);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SecondsPerRepeat);
        if (options.Threads is { } t) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t);
        double learningRate = options.Optimizer switch
        {
            "sgd" => 0.01,
            "adam" => 1e-3,
            _ => throw new ArgumentException($"Unknown benchmark optimizer '{options.Optimizer}'. Expected one of: sgd, adam.", nameof(options)),
        };
        var config = options.Config;
        var activation = options.Activation ?? ActivationSpec.Relu;
        var (features, targets) = SyntheticData.Generate(config, options.Seed);
        float[] rowMajor = BatchSource<float>.ToRowMajor(features);
        var batches = new BatchSource<float>(config.BatchSize);
        int steps = batches.BatchCount(config.Rows);
        var order = Enumerable.Range(0, config.Rows).ToArray();
        var shuffler = new Rng(options.Seed + 1);
        var layers = config.Layers;
        var spec = new MlpSpec(layers[0], layers.Skip(1).Take(layers.Count - 2).ToArray(), layers[^1], activation);
        var net = Mlp<float>.Create(spec, new Rng(options.Seed));
        var loss = new SoftmaxCrossEntropy<float>();
        var optimizer = OptimizerRegistry.Create(options.Optimizer, net.Parameters, learningRate);
        // One loss-gradient buffer per batch size (the last batch may be shorter).
        var gradients = new Dictionary<int, Matrix<float>>();
        for (int i = 0; i < steps; i++)
        {
            int rows = Math.Min(config.BatchSize, config.Rows - i * config.BatchSize);
            gradients.TryAdd(rows, Matrix<float>.Build.Dense(rows, targets.ColumnCount));
        }
        int[][]? counts = options.CountActivity ? net.HiddenLayers.Select(l => new int[l.Units]).ToArray() : null;

        double Epoch()
        {
            if (counts is not null) foreach (var c in counts) Array.Clear(c);
            double last = 0;
            shuffler.Shuffle(order.AsSpan());
            for (int i = 0; i < steps; i++)
            {
                var (x, y) = batches.GatherBatch(features.ColumnCount, rowMajor, targets, order, i);
                var gradient = gradients[x.RowCount];
                var output = net.Forward(x, counts);
                last = loss.Compute(output, y, gradient);
                net.Backward(gradient);
                optimizer.Step();
                optimizer.ZeroGrad();
            }
            return last;
        }

        int previousThreads = Gemm.MaxThreads;
        Gemm.MaxThreads = options.Threads ?? Environment.ProcessorCount;
        try
        {
            double firstLoss = Epoch();
            double lastLoss = firstLoss;
            var samplesPerSecond = new double[options.Repeats];
            int epochs = 0;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (int r = 0; r < options.Repeats; r++)
            {
                long start = Stopwatch.GetTimestamp();
                int repeatEpochs = 0;
                do
                {
                    lastLoss = Epoch();
                    repeatEpochs++;
                } while (Stopwatch.GetElapsedTime(start).TotalSeconds < options.SecondsPerRepeat);
                samplesPerSecond[r] = (double)repeatEpochs * config.Rows / Stopwatch.GetElapsedTime(start).TotalSeconds;
                epochs += repeatEpochs;
            }
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Array.Sort(samplesPerSecond);
            double median = samplesPerSecond[samplesPerSecond.Length / 2];
            return new TrainingBenchmarkResult(config.Name, options.Optimizer, activation.Name, Gemm.MaxThreads,
                median, samplesPerSecond[0], samplesPerSecond[^1], options.Repeats, epochs,
                config.FlopsPerEpoch / config.Rows * median / 1e9, (double)allocated / ((long)epochs * steps),
                firstLoss, lastLoss);
        }
        finally
        {
            Gemm.MaxThreads = previousThreads;
        }
    }
}
