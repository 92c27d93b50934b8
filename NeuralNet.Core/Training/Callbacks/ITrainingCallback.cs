using System.Numerics;

namespace NeuralNet.Core.Training.Callbacks;

/// <summary>
/// A piece of a training run that is not the epoch/batch loop itself: early stopping, the dead-neuron monitor, the
/// checkpointer, the divergence guard, unit recycling. The <see cref="Trainer{T}"/> calls its callbacks in the order
/// they were added, at these points of a run:
/// <code>
/// OnTrainBegin                    once, after a resumed state has been restored
/// OnEpochEnd(epoch 0)             the initial measurement (fresh runs only; no training happened)
/// for each epoch:
///   OnEpochBegin                  after the shuffle, before the first batch
///   OnBatchLoss                   per batch, after forward and loss, before backward and step
///   OnEpochEnd                    after the last step and the validation pass; may add to the epoch's metrics
///   (the metrics are published: history, EpochCompleted)
///   OnEpochCompleted              may stop training (early stopping) or take a checkpoint
/// OnTrainEnd                      once, whatever ended training
/// </code>
/// A callback stops training with <see cref="TrainingContext{T}.Stop"/>. Every method has an empty default.
/// </summary>
/// <remarks><see cref="OnBatchLoss"/> runs every step: it must not allocate.</remarks>
public interface ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Once, before the first epoch (after a resumed state is restored).</summary>
    void OnTrainBegin(TrainingContext<T> context) { }

    /// <summary>At the start of an epoch, after the rows were shuffled.</summary>
    void OnEpochBegin(TrainingContext<T> context) { }

    /// <summary>After a batch's forward pass and loss, before its backward pass and step (stopping here skips the step).</summary>
    void OnBatchLoss(TrainingContext<T> context, in BatchInfo batch) { }

    /// <summary>After an epoch's last step and validation pass (and for epoch 0, the initial measurement).</summary>
    void OnEpochEnd(TrainingContext<T> context, EpochEnd epoch) { }

    /// <summary>After an epoch's metrics were published (never for epoch 0).</summary>
    void OnEpochCompleted(TrainingContext<T> context, EpochMetrics metrics) { }

    /// <summary>Once, after the last epoch, early stop, divergence or cancellation.</summary>
    void OnTrainEnd(TrainingContext<T> context) { }
}

/// <summary>One training batch, as <see cref="ITrainingCallback{T}.OnBatchLoss"/> sees it.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="Rows">Rows in the batch.</param>
/// <param name="Loss">The batch's mean loss (may be NaN or infinite).</param>
public readonly record struct BatchInfo(int Epoch, int Batch, int Rows, double Loss);

/// <summary>An epoch's metrics while its <see cref="ITrainingCallback{T}.OnEpochEnd"/> callbacks run; they may add measurements.</summary>
public sealed class EpochEnd
{
    internal EpochEnd(int epoch, double loss, double metric, double? validationLoss, double? validationMetric)
        => (Epoch, Loss, Metric, ValidationLoss, ValidationMetric) = (epoch, loss, metric, validationLoss, validationMetric);

    /// <summary>The epoch (0: the initial measurement).</summary>
    public int Epoch { get; }

    /// <summary>Mean training loss (NaN for epoch 0).</summary>
    public double Loss { get; }

    /// <summary>Training metric (NaN for epoch 0).</summary>
    public double Metric { get; }

    /// <summary>Validation loss, if validated.</summary>
    public double? ValidationLoss { get; }

    /// <summary>Validation metric, if validated.</summary>
    public double? ValidationMetric { get; }

    /// <summary>Dead-neuron statistics, when measured this epoch.</summary>
    public IReadOnlyList<Diagnostics.LayerDeadStats>? DeadNeurons { get; set; }

    /// <summary>Units recycled at the end of this epoch (empty if none).</summary>
    public IReadOnlyList<RecycledUnit> Recycled { get; set; } = [];

    /// <summary>The deaths the dead-neuron monitor found at this epoch's measurement, with their causes.</summary>
    public IReadOnlyList<Diagnostics.DeathCause> Causes { get; set; } = [];

    internal EpochMetrics ToMetrics(TimeSpan elapsed)
        => new(Epoch, Loss, Metric, ValidationLoss, ValidationMetric, DeadNeurons, elapsed) { Recycled = Recycled, Causes = Causes };
}
