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

/// <summary>Dead-neuron statistics of one hidden layer (layer numbers start at 1).</summary>
public sealed record DeadLayerDocument(
    int Layer, string Activation, int Units, int Dead, int Inactive, int NearDead, int? BornDead, int? Revived, int? FirstDeathEpoch,
    double ZeroFraction, bool WholeLayerDead, IReadOnlyList<int> DeadUnits, IReadOnlyList<int> InactiveUnits,
    int Dormant, double DormantTau, IReadOnlyList<int> DormantUnits);

/// <summary>What <c>evaluate --json</c> prints.</summary>
public sealed record EvaluateReportDocument(
    string Model, string Data, int Rows, string Task, double? Loss, double? Accuracy, IReadOnlyList<ClassMetricsDocument>? PerClass,
    IReadOnlyList<string>? Classes, IReadOnlyList<int[]>? ConfusionMatrix, double? Mse, double? Mae, double? R2,
    IReadOnlyList<DeadLayerDocument> DeadNeurons, IReadOnlyList<string> Verdict);

/// <summary>Precision, recall and F1 of one class, with its support (rows of that class).</summary>
public sealed record ClassMetricsDocument(string Class, double Precision, double Recall, double F1, int Support);
