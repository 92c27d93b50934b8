using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;
using NeuralNet.Core.Experiments.Statistics;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// <c>neuralnet experiment --out-json</c>: one object with the experiment's metadata (tool version, data file and
/// SHA-256, date, every setting), the summary table with its baseline tests, and every run with its per-epoch curves
/// (training loss and metric, validation loss and metric, dead, inactive, near-dead and dormant units per layer, and,
/// in a run that recycles, the units recycled per layer). Values that are not finite are null.
/// </summary>
public static class ExperimentJson
{
    /// <summary>The format name in the document.</summary>
    public const string FormatName = "neuralnet-experiment";

    /// <summary>Serializes the experiment.</summary>
    public static string Serialize(ExperimentIdentity identity, IReadOnlyList<ExperimentSummary> summary, IReadOnlyList<RunOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var document = new ExperimentDocument(FormatName, identity.ToolVersion, identity.DataFile, identity.DataSha256, identity.Created,
            identity.GridSha256, identity.Runs, identity.Settings.ToDictionary(), summary.FirstOrDefault(r => r.VersusBaseline is null)?.Setting,
            summary.Select(Row).ToArray(), outcomes.Select(Run).ToArray());
        return JsonSerializer.Serialize(document, ExperimentJsonContext.Default.ExperimentDocument);
    }

    private static ExperimentSummaryDocument Row(ExperimentSummary r) => new(
        r.Setting, r.Runs, r.MetricName, Finite(r.Metric.Mean), Finite(r.Metric.StandardDeviation), Finite(r.Metric.Lower), Finite(r.Metric.Upper),
        r.VersusBaseline is { } c ? Comparison(c) : null, r.DeadMean, r.DeadShareMean, r.InactiveMean, r.BornDeadMean, r.BornDeadNetworkShare, r.RecycledMean, r.BestEpochMean);

    private static ComparisonDocument Comparison(PairedComparison c) => new(
        c.Pairs, Finite(c.Difference.Mean), Finite(c.Difference.Lower), Finite(c.Difference.Upper), Finite(c.T), Finite(c.P), Finite(c.AdjustedP),
        c.Wilcoxon.WPlus, Finite(c.Wilcoxon.P), Finite(c.WilcoxonAdjustedP), c.Wilcoxon.Exact);

    private static ExperimentRunDocument Run(RunOutcome o)
    {
        var s = o.Settings.Spec;
        bool recycles = s.Recycle != RecycleMode.Off;
        return new ExperimentRunDocument(o.Index, s.Activation, s.Alpha, s.Hidden.ToArray(), s.LearningRate, s.Init, s.BiasInit,
            s.Recycle.ToString().ToLowerInvariant(), s.Seed,
            o.Settings.SampleIndex, s.Sample?.IsFold == true ? "fold" : "holdout", o.MetricName, Finite(o.Metric), o.Dead, o.Inactive, o.Units,
            o.BornDead, o.BornDeadLayer, o.DeadLayerAtEnd, o.Recycled, o.BestEpoch, o.Result.EpochsRun, o.Result.StopReason.ToString(),
            o.Result.History.Select(h => new ExperimentEpochDocument(h.Epoch, Finite(h.Loss), Finite(h.Metric), Finite(h.ValidationLoss), Finite(h.ValidationMetric),
                h.DeadNeurons?.Select(Layer).ToArray(), recycles ? RecycledPerLayer(h, s.Hidden.Count) : null)).ToArray());
    }

    /// <summary>Units recycled after the epoch, per hidden layer.</summary>
    private static int[] RecycledPerLayer(EpochMetrics epoch, int layers)
    {
        var counts = new int[layers];
        foreach (var unit in epoch.Recycled) counts[unit.Layer]++;
        return counts;
    }

    private static ExperimentLayerDocument Layer(LayerDeadStats l) => new(l.Layer, l.Activation, l.Units, l.Dead, l.Inactive, l.NearDead, l.Dormant);

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}

/// <summary>The experiment JSON document.</summary>
public sealed record ExperimentDocument(
    string Format, string ToolVersion, string DataFile, string DataSha256, string Date, string GridSha256, int GridRuns,
    Dictionary<string, string> Settings, string? Baseline, ExperimentSummaryDocument[] Summary, ExperimentRunDocument[] Runs);

/// <summary>One row of the summary table.</summary>
public sealed record ExperimentSummaryDocument(
    string Setting, int Runs, string MetricName, double? Mean, double? StandardDeviation, double? Ci95Lower, double? Ci95Upper,
    ComparisonDocument? VersusBaseline, double DeadMean, double DeadShareMean, double InactiveMean, double BornDeadMean,
    double BornDeadNetworkShare, double RecycledMean, double BestEpochMean);

/// <summary>A setting against the baseline, paired by seed and data sample.</summary>
public sealed record ComparisonDocument(
    int Pairs, double? MeanDifference, double? Ci95Lower, double? Ci95Upper, double? T, double? TTestP, double? TTestPHolm,
    double WilcoxonWPlus, double? WilcoxonP, double? WilcoxonPHolm, bool WilcoxonExact);

/// <summary>One run in the experiment JSON (<c>recycle</c>: its ReDo mode; <c>recycled</c>: units recycled over the run).</summary>
public sealed record ExperimentRunDocument(
    int Run, string Activation, double? Alpha, int[] Hidden, double LearningRate, string Init, double BiasInit, string Recycle, long Seed,
    int Sample, string SampleKind, string MetricName, double? Metric, int Dead, int Inactive, int Units, int BornDead, bool BornDeadNetwork,
    bool DeadLayerAtEnd, int Recycled, int BestEpoch, int EpochsRun, string StopReason, ExperimentEpochDocument[] Epochs);

/// <summary>
/// One epoch of a run (epoch 0 is the network at initialization); layers null when dead units were not measured that
/// epoch; recycled: the units recycled after the epoch per hidden layer (measured before them), null when the run does not recycle.
/// </summary>
public sealed record ExperimentEpochDocument(int Epoch, double? Loss, double? Metric, double? ValidationLoss, double? ValidationMetric,
    ExperimentLayerDocument[]? Layers, int[]? Recycled);

/// <summary>Dead-unit counts of one hidden layer after one epoch.</summary>
public sealed record ExperimentLayerDocument(int Layer, string Activation, int Units, int Dead, int Inactive, int NearDead, int Dormant);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ExperimentDocument))]
internal sealed partial class ExperimentJsonContext : JsonSerializerContext;
