using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Core.Training;

/// <summary>What one epoch produced. Epoch 0 describes the network at initialization (no training loss).</summary>
/// <param name="Epoch">1-based epoch number; 0 for the initial measurement.</param>
/// <param name="Loss">Mean training loss over the epoch's batches (weighted by batch size); NaN for epoch 0.</param>
/// <param name="Metric">Training metric (accuracy or R²) over the epoch's batches; NaN for epoch 0.</param>
/// <param name="ValidationLoss">Loss on the validation data with the end-of-epoch weights, if any.</param>
/// <param name="ValidationMetric">Metric on the validation data, if any.</param>
/// <param name="DeadNeurons">Per hidden layer, measured on the full training set with the end-of-epoch weights; null when not measured this epoch.</param>
/// <param name="Elapsed">Wall time of the epoch (training plus measurement).</param>
public sealed record EpochMetrics(
    int Epoch, double Loss, double Metric, double? ValidationLoss, double? ValidationMetric,
    IReadOnlyList<LayerDeadStats>? DeadNeurons, TimeSpan Elapsed)
{
    /// <summary>Units recycled (ReDo) at the end of this epoch, after the measurement; empty if none.</summary>
    public IReadOnlyList<RecycledUnit> Recycled { get; init; } = [];

    /// <summary>Units this epoch's measurement found newly dead (alive at the measurement before, or dead at initialization), with why; empty if none.</summary>
    public IReadOnlyList<DeathCause> Causes { get; init; } = [];

    /// <summary>Total dead units over all hidden layers, when measured.</summary>
    public int? TotalDead => DeadNeurons?.Sum(l => l.Dead);

    /// <summary>Total hidden units, when measured.</summary>
    public int? TotalUnits => DeadNeurons?.Sum(l => l.Units);
}
