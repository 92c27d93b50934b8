namespace NeuralNet.Core.Training;

/// <summary>
/// Everything <see cref="Trainer{T}.Fit"/> needs to continue a run as if it had never stopped, taken at an epoch
/// boundary: after epoch <see cref="Epoch"/> finished (and before the next epoch's shuffle). Values are doubles
/// whatever the training precision; a float widens to a double exactly, so a round trip is bit-exact.
/// </summary>
/// <remarks>
/// A run cancelled in the middle of an epoch yields the state at the start of that epoch (the weights, optimizer
/// moments, random-number state and row order as they were then): resuming replays the interrupted epoch from its
/// first batch, which gives the same weights as a run that was never interrupted.
/// </remarks>
/// <param name="Epoch">The last finished epoch (0: none yet).</param>
/// <param name="Parameters">Every parameter's values, in <see cref="Layers.Mlp{T}.Parameters"/> order.</param>
/// <param name="OptimizerSteps">The optimizer's step count (Adam's bias correction depends on it).</param>
/// <param name="OptimizerState">The optimizer's named state buffers (momentum, Adam's m and v).</param>
/// <param name="RngState">The generator state (<see cref="Rng.GetState"/>).</param>
/// <param name="Order">The row order; shuffling permutes it in place, so the next epoch's order depends on it.</param>
/// <param name="BestParameters">Early stopping: the weights of the best epoch so far.</param>
/// <param name="BestMonitored">Early stopping: the best monitored loss so far (+∞ before the first epoch).</param>
/// <param name="BestEpoch">Early stopping: the epoch of <paramref name="BestParameters"/> (0: none yet).</param>
/// <param name="SinceImprovement">Early stopping: epochs since the last improvement.</param>
/// <param name="History">The metrics of epochs 0 to <paramref name="Epoch"/>.</param>
public sealed record TrainerState(
    int Epoch,
    IReadOnlyList<double[]> Parameters,
    long OptimizerSteps,
    IReadOnlyDictionary<string, double[]> OptimizerState,
    IReadOnlyList<ulong> RngState,
    IReadOnlyList<int> Order,
    IReadOnlyList<double[]> BestParameters,
    double BestMonitored,
    int BestEpoch,
    int SinceImprovement,
    IReadOnlyList<EpochMetrics> History)
{
    /// <summary>
    /// The dead-neuron monitor's own state at the same boundary; null when the run did not monitor dead neurons or the
    /// state was saved before this existed (a resumed monitor then counts the last activity of each unit from the resume).
    /// </summary>
    public Diagnostics.DeadNeuronMonitorState? DeadNeuronMonitor { get; init; }
}
