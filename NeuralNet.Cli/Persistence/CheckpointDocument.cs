using NeuralNet.Core.Models;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// A training checkpoint (<c>"format": "neuralnet-checkpoint"</c>, schema version 2): the run's settings and the
/// trainer's state at an epoch boundary (see <see cref="NeuralNet.Core.Training.TrainerState"/>), enough for
/// <c>train --resume</c> to continue with bit-identical results. Every array of the state is a named block in
/// <see cref="Tensors"/>, encoded as the model file's parameters are (<see cref="TensorCodec"/>; names in
/// <see cref="CheckpointLayout"/>). Documented in docs/model-format.md.
/// </summary>
public sealed record CheckpointDocument
{
    /// <summary>The format name.</summary>
    public const string FormatName = "neuralnet-checkpoint";

    /// <summary>The schema version this tool writes.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The oldest schema version this tool reads: version 1 kept every array as JSON numbers (see <see cref="CheckpointV1"/>).</summary>
    public const int OldestSchemaVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;
    /// <summary>The schema version: 2, or 1 for a version-1 file read and upgraded by <see cref="CheckpointV1"/>.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>The tool version that wrote it.</summary>
    public string ToolVersion { get; init; } = "";
    /// <summary>When it was written.</summary>
    public DateTime CreatedUtc { get; init; }
    /// <summary>The settings of the run, with the seed resolved.</summary>
    public required TrainSettings Settings { get; init; }
    /// <summary>SHA-256 (hex) of the training file followed by the validation file, if any: resuming on other data is refused.</summary>
    public string DataSha256 { get; init; } = "";
    /// <summary>The last finished epoch.</summary>
    public int Epoch { get; init; }
    /// <summary>Early stopping: the best monitored loss (null before the first epoch).</summary>
    public double? BestMonitored { get; init; }
    /// <summary>Early stopping: the best epoch.</summary>
    public int BestEpoch { get; init; }
    /// <summary>Early stopping: epochs since the last improvement.</summary>
    public int SinceImprovement { get; init; }
    /// <summary>
    /// The parameters, the best epoch's parameters (left out when that epoch is <see cref="Epoch"/>), the optimizer's
    /// buffers and step count, the generator state and the row order, by name ("layers.0.weight", "adam.m.layers.0.weight"),
    /// and the dead-neuron monitor's state: each hidden unit's last active epoch and batch and, when they are not the
    /// parameters, the hidden layers' weights at the last measurement ("deadNeurons.lastActiveEpoch.layers.0",
    /// "deadNeurons.measured.layers.0.weight"; absent from checkpoints written before they were kept).
    /// </summary>
    public IReadOnlyDictionary<string, TensorDocument> Tensors { get; init; } = new Dictionary<string, TensorDocument>();
    /// <summary>Epochs 0 to <see cref="Epoch"/>, with their dead-neuron measurements.</summary>
    public IReadOnlyList<CheckpointEpochDocument> History { get; init; } = [];
}

/// <summary>
/// One epoch of a checkpoint's history: what the model file's <see cref="EpochDocument"/> holds, with the whole
/// dead-neuron measurement and the units recycled, so that a resumed run reports the epochs before it as the
/// uninterrupted run does.
/// </summary>
/// <param name="Epoch">The epoch (0: initialization).</param>
/// <param name="Loss">Training loss; null where it does not exist.</param>
/// <param name="Metric">Training metric; null where it does not exist.</param>
/// <param name="ValidationLoss">Validation loss, if validated.</param>
/// <param name="ValidationMetric">Validation metric, if validated.</param>
public sealed record CheckpointEpochDocument(int Epoch, double? Loss, double? Metric, double? ValidationLoss, double? ValidationMetric)
{
    /// <summary>Per hidden layer, when measured after this epoch; null otherwise.</summary>
    public IReadOnlyList<CheckpointDeadLayerDocument>? DeadNeurons { get; init; }
    /// <summary>Units recycled (ReDo) after this epoch's measurement; null when none.</summary>
    public IReadOnlyList<CheckpointRecycledDocument>? Recycled { get; init; }
    /// <summary>The deaths this epoch's measurement found, with their causes; null when none.</summary>
    public IReadOnlyList<CheckpointCauseDocument>? Causes { get; init; }
    /// <summary>Wall time of the epoch, in seconds.</summary>
    public double Seconds { get; init; }
}

/// <summary>One hidden layer's dead-neuron measurement (<see cref="NeuralNet.Core.Diagnostics.LayerDeadStats"/>); the dead and inactive counts are the lengths of their lists.</summary>
/// <param name="Layer">The hidden layer (0-based).</param>
/// <param name="Activation">Its activation name.</param>
/// <param name="Units">Its units.</param>
/// <param name="NearDead">Live units positive on fewer than the near-dead share of rows.</param>
/// <param name="ZeroFraction">Share of (row, unit) pairs with z ≤ 0.</param>
/// <param name="DormantTau">The τ of <paramref name="DormantUnits"/>.</param>
/// <param name="DeadUnits">The dead units, ascending.</param>
/// <param name="InactiveUnits">The inactive units, ascending.</param>
/// <param name="DormantUnits">The τ-dormant units, ascending.</param>
/// <param name="ActiveShares">Per unit, the share of rows it was positive on: a float64 block of shape [units] (or [0]).</param>
public sealed record CheckpointDeadLayerDocument(
    int Layer, string Activation, int Units, int NearDead, double ZeroFraction, double DormantTau,
    IReadOnlyList<int> DeadUnits, IReadOnlyList<int> InactiveUnits, IReadOnlyList<int> DormantUnits, TensorDocument ActiveShares);

/// <summary>One unit recycled after an epoch.</summary>
/// <param name="Layer">The hidden layer (0-based).</param>
/// <param name="Unit">The unit.</param>
public sealed record CheckpointRecycledDocument(int Layer, int Unit);

/// <summary>Why one unit died at an epoch's measurement (<see cref="NeuralNet.Core.Diagnostics.DeathCause"/>).</summary>
/// <param name="Layer">The hidden layer (0-based).</param>
/// <param name="Unit">The unit.</param>
/// <param name="LastActiveEpoch">The epoch of the last training batch in which it was positive; null if never.</param>
/// <param name="LastActiveBatch">That batch's number; null if never.</param>
/// <param name="BiasChange">Its bias change since the measurement before.</param>
/// <param name="WeightChangeNorm">The norm of its incoming weights' change since then.</param>
/// <param name="WeightNorm">The norm of its incoming weights then.</param>
/// <param name="InputRms">The RMS of the layer's inputs.</param>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="Verdict">The verdict's name: BornDead, LargeStep, NegativeBias or Unclear.</param>
public sealed record CheckpointCauseDocument(int Layer, int Unit, int? LastActiveEpoch, int? LastActiveBatch, double BiasChange,
    double WeightChangeNorm, double WeightNorm, double InputRms, double LearningRate, string Verdict);
