namespace NeuralNet.Core.Models;

/// <summary>
/// The model file (schema version 3; versions 1 and 2 are still read), documented in docs/model-format.md. Everything needed to predict: the encodings
/// of the inputs and the target, the layers and their values, and how the model was trained.
/// </summary>
public sealed record ModelDocument
{
    /// <summary>The format name every model file carries.</summary>
    public const string FormatName = "neuralnet-mlp";

    /// <summary>
    /// The schema version this tool writes and reads. Version 3 added each numeric feature's <c>scaling</c> and
    /// <c>offset</c>: a reader of version 2 would take a minmax or unscaled model's mean as its offset.
    /// </summary>
    public const int CurrentSchemaVersion = 3;

    /// <summary>The oldest schema version this tool reads: version 1 kept each layer's values in the layer, as JSON numbers.</summary>
    public const int OldestSchemaVersion = 1;

    /// <summary>Always "neuralnet-mlp".</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Schema version: 3 (or 1 or 2 in an older file).</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Version of the tool that wrote the file.</summary>
    public string ToolVersion { get; init; } = "";

    /// <summary>When the file was written (UTC, ISO 8601).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>The seed of the run (split, initialization, shuffling).</summary>
    public long Seed { get; init; }

    /// <summary>"float" or "double": the precision the network was trained and predicts in.</summary>
    public string Precision { get; init; } = "float";

    /// <summary>Input columns and how each is encoded, in input order.</summary>
    public IReadOnlyList<FeatureDocument> Features { get; init; } = [];

    /// <summary>The target column and its classes or scaling.</summary>
    public TargetDocument Target { get; init; } = new("", "", [], 0, 1);

    /// <summary>The loss the network was trained with (decides how outputs become predictions).</summary>
    public string Loss { get; init; } = "";

    /// <summary>The layers, input to output; the last is the output layer.</summary>
    public IReadOnlyList<LayerDocument> Layers { get; init; } = [];

    /// <summary>
    /// File form only (schema 2 and later): every parameter by name ("layers.0.weight", "layers.0.bias", "layers.1.alpha"). Null in
    /// memory, where the values sit in <see cref="Layers"/> (see <see cref="ParameterBlocks"/>).
    /// </summary>
    public IReadOnlyDictionary<string, TensorDocument>? Parameters { get; init; }

    /// <summary>The settings of the training run.</summary>
    public TrainingSettingsDocument Training { get; init; } = new();

    /// <summary>One entry per epoch (epoch 0 = initialization).</summary>
    public IReadOnlyList<EpochDocument> History { get; init; } = [];
}

/// <summary>One dense layer and its activation.</summary>
/// <param name="Inputs">Inputs per sample.</param>
/// <param name="Units">Units.</param>
/// <param name="Activation">Activation name ("relu", "leaky-relu", "prelu", "identity", ...).</param>
/// <param name="Alpha">leaky-relu: the fixed slope; prelu: the initial α; otherwise null.</param>
/// <param name="PerUnitAlpha">prelu: one α per unit (true) or one for the layer.</param>
/// <param name="AlphaValues">prelu: the learned α values (1 or Units of them); otherwise null.</param>
/// <param name="Weights">W, row-major: Inputs rows of Units values (in memory; a schema-2 file keeps it in <see cref="ModelDocument.Parameters"/>).</param>
/// <param name="Bias">b, Units values (in memory; see <paramref name="Weights"/>).</param>
public sealed record LayerDocument(
    int Inputs, int Units, string Activation, double? Alpha, bool PerUnitAlpha, double[]? AlphaValues, double[][] Weights, double[] Bias);

/// <summary>The options a model was trained with.</summary>
public sealed record TrainingSettingsDocument
{
    /// <summary>Hidden layer sizes.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [];
    /// <summary>Weight initializer.</summary>
    public string Initializer { get; init; } = "";
    /// <summary>Initial hidden bias.</summary>
    public double BiasInit { get; init; }
    /// <summary>Optimizer name.</summary>
    public string Optimizer { get; init; } = "";
    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; }
    /// <summary>Weight decay.</summary>
    public double WeightDecay { get; init; }
    /// <summary>Batch size.</summary>
    public int BatchSize { get; init; }
    /// <summary>Epochs asked for.</summary>
    public int Epochs { get; init; }
    /// <summary>Epochs run.</summary>
    public int EpochsRun { get; init; }
    /// <summary>Early-stopping patience, or null.</summary>
    public int? Patience { get; init; }
    /// <summary>Validation share, or null with a validation file.</summary>
    public double? ValidationSplit { get; init; }
    /// <summary>Validation file, or null.</summary>
    public string? ValidationFile { get; init; }
    /// <summary>Training file.</summary>
    public string DataFile { get; init; } = "";
    /// <summary>Training rows (after the split).</summary>
    public int TrainRows { get; init; }
    /// <summary>Validation rows.</summary>
    public int ValidationRows { get; init; }
    /// <summary>Why training stopped ("completed", "early-stopped", "cancelled").</summary>
    public string StopReason { get; init; } = "";
    /// <summary>The epoch whose weights are stored.</summary>
    public int BestEpoch { get; init; }
}

/// <summary>One epoch of the training history; null where a value does not exist (no training loss at epoch 0, no validation).</summary>
public sealed record EpochDocument(int Epoch, double? Loss, double? Metric, double? ValidationLoss, double? ValidationMetric, IReadOnlyList<int>? DeadPerLayer);

/// <summary>One input column: see <see cref="Preprocessing.FeatureColumn"/>. A numeric input is <c>(x − offset) / scale</c>.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">"numeric" or "categorical".</param>
/// <param name="Mean">Numeric: training mean, the value a missing number is replaced with under --missing mean
/// (and the offset in files without <see cref="Offset"/>).</param>
/// <param name="Scale">Numeric: the divisor chosen by <see cref="Scaling"/> (1 for a constant column).</param>
/// <param name="Categories">Categorical: the vocabulary, in one-hot order.</param>
public sealed record FeatureDocument(string Name, string Kind, double Mean, double Scale, IReadOnlyList<string> Categories)
{
    /// <summary>
    /// Numeric: the <see cref="Preprocessing.FeatureScaling"/> name ("standard", "minmax", "none"). Absent in files before
    /// schema 3, which are all standard; null for a categorical column.
    /// </summary>
    public string? Scaling { get; init; }

    /// <summary>Numeric: the value subtracted before dividing by <see cref="Scale"/>. Absent in files before schema 3, where it is <see cref="Mean"/>.</summary>
    public double? Offset { get; init; }
}

/// <summary>The target: see <see cref="Preprocessing.TargetEncoding"/>.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Task">"classification" or "regression".</param>
/// <param name="Classes">Class labels in output order.</param>
/// <param name="Mean">Regression: the target's training mean.</param>
/// <param name="Scale">Regression: the target's training standard deviation.</param>
public sealed record TargetDocument(string Name, string Task, IReadOnlyList<string> Classes, double Mean, double Scale);
