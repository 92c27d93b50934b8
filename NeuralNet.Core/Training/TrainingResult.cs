using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Core.Training;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>All requested epochs ran.</summary>
    Completed,

    /// <summary>The monitored loss stopped improving for <see cref="TrainerOptions.Patience"/> epochs.</summary>
    EarlyStopped,

    /// <summary>The loss became NaN or infinite; see <see cref="TrainingResult.Divergence"/>.</summary>
    Diverged,

    /// <summary>The cancellation token fired (Ctrl-C); training stopped after the current batch.</summary>
    Cancelled,
}

/// <summary>Where and how training diverged.</summary>
/// <param name="Epoch">1-based epoch in which the loss became non-finite.</param>
/// <param name="Batch">1-based batch within that epoch.</param>
/// <param name="Loss">The non-finite loss value; NaN when the epoch's last step overflowed the weights while its loss was still finite.</param>
/// <param name="Layer">Index of the first layer whose weights or bias became non-finite, or null if the weights were still finite (the outputs overflowed).</param>
/// <param name="LearningRate">The learning rate in use.</param>
public sealed record DivergenceInfo(int Epoch, int Batch, double Loss, int? Layer, double LearningRate);

/// <summary>The outcome of <see cref="Trainer{T}.Fit"/>.</summary>
/// <param name="History">Epoch 0 (initialization) followed by one entry per completed epoch.</param>
/// <param name="StopReason">Why training ended.</param>
/// <param name="BestEpoch">The epoch whose weights the network holds at the end (the best one when early stopping restored it).</param>
/// <param name="RestoredBestWeights">Whether the weights of <paramref name="BestEpoch"/> were restored at the end.</param>
/// <param name="Divergence">Details when <paramref name="StopReason"/> is <see cref="StopReason.Diverged"/>.</param>
/// <param name="Timeline">Per hidden layer: born dead, revived, epochs of death.</param>
/// <param name="FinalDeadNeurons">Dead-neuron statistics of the weights the network holds at the end, on the training set; null when measurement is off.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochMetrics> History, StopReason StopReason, int BestEpoch, bool RestoredBestWeights,
    DivergenceInfo? Divergence, IReadOnlyList<LayerTimeline> Timeline, IReadOnlyList<LayerDeadStats>? FinalDeadNeurons)
{
    /// <summary>The last completed epoch's metrics (epoch 0 if none ran).</summary>
    public EpochMetrics Last => History[^1];

    /// <summary>
    /// The state to continue from with <see cref="Trainer{T}.Fit"/>'s resume argument: after the last finished epoch
    /// (for a cancelled run, the start of the interrupted epoch). Null when training diverged.
    /// </summary>
    public TrainerState? State { get; init; }

    /// <summary>Every unit death the dead-neuron monitor found, with what moved the unit and the verdict (empty when measurement is off).</summary>
    public IReadOnlyList<DeathCause> DeathCauses { get; init; } = [];

    /// <summary>
    /// The mean loss and metric on the training rows of the weights the network holds at the end, scored in the dead-neuron
    /// monitor's final pass (the bits of an <see cref="Evaluator{T}"/> pass in chunks of the same size); null when
    /// measurement is off.
    /// </summary>
    public (double Loss, double Metric)? FinalTrainScore { get; init; }

    /// <summary>Epochs actually trained.</summary>
    public int EpochsRun => History[^1].Epoch;
}
