using NeuralNet.Core.Activations;

namespace NeuralNet.Core.Benchmarks;

/// <summary>What <see cref="TrainingBenchmark.Run"/> measures and how long.</summary>
/// <param name="Config">Layers, batch size and rows (S, M or L).</param>
/// <param name="Optimizer">"sgd" (η = 0.01) or "adam" (η = 1e-3), the peers' settings.</param>
/// <param name="Activation">Hidden activation; null for ReLU.</param>
/// <param name="Repeats">Timed repeats after the untimed warm-up epoch; default 3.</param>
/// <param name="SecondsPerRepeat">Each repeat runs whole epochs until this many seconds have passed (at least one); default 1.5.</param>
/// <param name="Threads">Most threads a matrix multiply may use; null for all cores.</param>
/// <param name="CountActivity">Collect the dead-neuron statistics (positive counts per hidden unit) as training does; default true.</param>
/// <param name="Seed">Seed of the data and the initial weights; default 0.</param>
public sealed record TrainingBenchmarkOptions(
    BenchmarkConfig Config,
    string Optimizer = "sgd",
    ActivationSpec? Activation = null,
    int Repeats = 3,
    double SecondsPerRepeat = 1.5,
    int? Threads = null,
    bool CountActivity = true,
    long Seed = 0);
