using NeuralNet.Core.Models;
namespace NeuralNet.Cli.Persistence;

/// <summary>What <c>train --json</c> prints: the whole run for scripts.</summary>
public sealed record TrainReportDocument(
    long Seed, bool SeedPicked, DataSummaryDocument Data, string Architecture, int Parameters, string Precision,
    string StopReason, int EpochsRun, int BestEpoch, bool RestoredBestWeights, DivergenceDocument? Divergence,
    FinalMetricsDocument Final, IReadOnlyList<EpochDocument> History, IReadOnlyList<DeadLayerDocument> DeadNeurons,
    IReadOnlyList<string> Verdict, string? ModelPath, string? MetricsCsv);

/// <summary>The data a run trained on.</summary>
public sealed record DataSummaryDocument(
    string File, int TrainRows, int ValidationRows, int Inputs, string Target, string Task, IReadOnlyList<string> Classes, string Loss, IReadOnlyList<string> Notes);

/// <summary>Where training diverged.</summary>
public sealed record DivergenceDocument(int Epoch, int Batch, int? Layer, double LearningRate);

/// <summary>The metrics of the weights the run ended with; <paramref name="MetricName"/> is "accuracy" or "r2".</summary>
public sealed record FinalMetricsDocument(string MetricName, double? Loss, double? Metric, double? ValidationLoss, double? ValidationMetric);

/// <summary>Dead-neuron statistics of one hidden layer (layer 0 is the first hidden layer, as in the model file's parameter names).</summary>
public sealed record DeadLayerDocument(
    int Layer, string Activation, int Units, int Dead, int Inactive, int NearDead, int? BornDead, int? Revived, int? FirstDeathEpoch,
    double ZeroFraction, bool WholeLayerDead, IReadOnlyList<int> DeadUnits, IReadOnlyList<int> InactiveUnits,
    int Dormant, double DormantTau, IReadOnlyList<int> DormantUnits)
{
    /// <summary>Recyclings (ReDo) in this layer during training; null when not known (evaluate).</summary>
    public int? Recycled { get; init; }

    /// <summary>Per unit dead at the end: what killed it (train only; null otherwise).</summary>
    public IReadOnlyList<DeathCauseDocument>? Causes { get; init; }
}

/// <summary>Why one unit died (see Core's DeathCause); <paramref name="Verdict"/> in words.</summary>
public sealed record DeathCauseDocument(int Unit, int DiedAfterEpoch, int? LastActiveEpoch, int? LastActiveBatch, double BiasChange,
    double WeightChangeNorm, double WeightNorm, double InputRms, double LearningRate, string Verdict);

/// <summary>What <c>evaluate --json</c> prints.</summary>
public sealed record EvaluateReportDocument(
    string Model, string Data, int Rows, string Task, double? Loss, double? Accuracy, IReadOnlyList<ClassMetricsDocument>? PerClass,
    IReadOnlyList<string>? Classes, IReadOnlyList<int[]>? ConfusionMatrix, double? Mse, double? Mae, double? R2,
    IReadOnlyList<DeadLayerDocument> DeadNeurons, IReadOnlyList<string> Verdict);

/// <summary>Precision, recall and F1 of one class, with its support (rows of that class).</summary>
public sealed record ClassMetricsDocument(string Class, double Precision, double Recall, double F1, int Support);

/// <summary>What <c>inspect --json</c> prints: the model's description, and with data each hidden layer's activity.</summary>
public sealed record InspectReportDocument(
    string Model, string Format, int SchemaVersion, string ToolVersion, DateTime CreatedUtc, long Seed, string Precision,
    TargetDocument Target, string Loss, int Inputs, IReadOnlyList<FeatureDocument> Features, int Parameters,
    IReadOnlyList<InspectLayerDocument> Layers, TrainingSettingsDocument Training, IReadOnlyList<InspectActivityDocument>? Activity);

/// <summary>One layer of <see cref="InspectReportDocument"/>; the output layer is the last.</summary>
public sealed record InspectLayerDocument(int Layer, int Inputs, int Units, string Activation, double? Alpha, double[]? AlphaValues, int Parameters);

/// <summary>One hidden layer's activity on the data given to <c>inspect</c>: the share of rows on which each unit's input is positive.</summary>
public sealed record InspectActivityDocument(int Layer, string Activation, int Units, int Dead, int Inactive, int NearDead, IReadOnlyList<double> ActiveShare);
