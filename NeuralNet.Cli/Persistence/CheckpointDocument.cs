using NeuralNet.Core.Models;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// A training checkpoint (<c>"format": "neuralnet-checkpoint"</c>): the run's settings and the trainer's state at an
/// epoch boundary (see <see cref="NeuralNet.Core.Training.TrainerState"/>), enough for <c>train --resume</c> to
/// continue with bit-identical results. Documented in docs/model-format.md.
/// </summary>
public sealed record CheckpointDocument
{
    /// <summary>The format name.</summary>
    public const string FormatName = "neuralnet-checkpoint";

    /// <summary>The schema version this tool writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;
    /// <summary>The schema version.</summary>
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
    /// <summary>Every parameter's values (column-major, in network order).</summary>
    public IReadOnlyList<double[]> Parameters { get; init; } = [];
    /// <summary>The optimizer's step count.</summary>
    public long OptimizerSteps { get; init; }
    /// <summary>The optimizer's state buffers by name ("layer0.weights.m", ...).</summary>
    public Dictionary<string, double[]> OptimizerState { get; init; } = new();
    /// <summary>The random-number generator's four state words.</summary>
    public ulong[] RngState { get; init; } = [];
    /// <summary>The training rows' order before the next epoch's shuffle.</summary>
    public int[] Order { get; init; } = [];
    /// <summary>Early stopping: the best epoch's weights.</summary>
    public IReadOnlyList<double[]> BestParameters { get; init; } = [];
    /// <summary>Early stopping: the best monitored loss (null before the first epoch).</summary>
    public double? BestMonitored { get; init; }
    /// <summary>Early stopping: the best epoch.</summary>
    public int BestEpoch { get; init; }
    /// <summary>Early stopping: epochs since the last improvement.</summary>
    public int SinceImprovement { get; init; }
    /// <summary>Epochs 0 to <see cref="Epoch"/>.</summary>
    public IReadOnlyList<EpochDocument> History { get; init; } = [];
}
