namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// What the <see cref="DeadNeuronMonitor{T}"/> carries from one epoch to the next beyond the run's history, taken at
/// the epoch boundary of the <see cref="Training.TrainerState"/> it belongs to. With it a resumed run finds the same
/// deaths with the same causes as one that never stopped; the timeline (born dead, revived, first death) and the
/// causes found before the boundary are replayed from the history.
/// </summary>
/// <param name="LastActiveEpoch">Per hidden layer and unit, the epoch of the last training batch in which the unit was positive on some row; −1 if never.</param>
/// <param name="LastActiveBatch">Per hidden layer and unit, that batch's number within its epoch.</param>
/// <param name="MeasuredWeights">Per hidden layer, its weights at the last measurement (what a new death's weight change is measured from, with
/// recycled units' fresh weights); null when they are the state's own parameters.</param>
/// <param name="MeasuredBias">Per hidden layer, its bias at the last measurement; null together with <paramref name="MeasuredWeights"/>.</param>
public sealed record DeadNeuronMonitorState(
    IReadOnlyList<int[]> LastActiveEpoch,
    IReadOnlyList<int[]> LastActiveBatch,
    IReadOnlyList<double[]>? MeasuredWeights,
    IReadOnlyList<double[]>? MeasuredBias);
