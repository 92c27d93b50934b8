using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// Measures training throughput the way the peer scripts do: one untimed warm-up epoch, then repeats of whole
/// epochs, median samples/s. The epochs are those of <c>train</c>: the same <see cref="Trainer{T}"/> and callbacks
/// (divergence guard, early-stopping bookkeeping, the dead-neuron counts of the forward pass), timed from inside by a
/// callback; every epoch shuffles the rows and gathers each batch, and a step is forward, loss and its gradient,
/// backward, optimizer step. Only the data is the benchmark's own (synthetic). Returns a record; never writes to the console.
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
        var layers = config.Layers;
        var spec = new MlpSpec(layers[0], layers.Skip(1).Take(layers.Count - 2).ToArray(), layers[^1], activation);
        var net = Mlp<float>.Create(spec, new Rng(options.Seed));
        var optimizer = OptimizerRegistry.Create(options.Optimizer, net.Parameters, learningRate);
        var trainerOptions = new TrainerOptions
        {
            Epochs = int.MaxValue, // the clock finishes the run
            BatchSize = config.BatchSize,
            // Counting as training does (the positive counts of the forward pass), but no full-data pass in the timed epochs.
            DeadNeurons = new DeadNeuronOptions(Every: options.CountActivity ? int.MaxValue : 0),
        };
        var trainer = new Trainer<float>(net, new SoftmaxCrossEntropy<float>(), optimizer, new Rng(options.Seed + 1), trainerOptions);
        var clock = new BenchmarkClock(options.Repeats, options.SecondsPerRepeat, config.Rows);
        trainer.Add(clock);
        int steps = new BatchSource<float>(config.BatchSize).BatchCount(config.Rows);

        using var limit = BenchmarkThreads.Use(options.Threads);
        trainer.Fit(new Dataset<float>(features, targets));
        var samplesPerSecond = (double[])clock.SamplesPerSecond.Clone();
        Array.Sort(samplesPerSecond);
        double median = samplesPerSecond[samplesPerSecond.Length / 2];
        int epochs = clock.TimedEpochs;
        return new TrainingBenchmarkResult(config.Name, options.Optimizer, activation.Name, Gemm.MaxThreads,
            median, samplesPerSecond[0], samplesPerSecond[^1], options.Repeats, epochs,
            config.FlopsPerEpoch / config.Rows * median / 1e9, (double)clock.AllocatedInSteps / ((long)epochs * steps),
            clock.FirstLoss, clock.LastLoss);
    }
}
