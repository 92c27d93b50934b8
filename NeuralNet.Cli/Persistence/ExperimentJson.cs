using NeuralNet.Core.Models;
using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralNet.Core.Experiments;

namespace NeuralNet.Cli.Persistence;

/// <summary>The per-run results of <c>neuralnet experiment --out-json</c>.</summary>
public static class ExperimentJson
{
    /// <summary>Serializes every run (settings, final metric, dead counts, per-epoch losses and dead totals).</summary>
    public static string Serialize(IReadOnlyList<RunOutcome> outcomes)
        => JsonSerializer.Serialize(outcomes.Select(o => new ExperimentRunDocument(
            o.Index, o.Settings.Network.HiddenActivation.Name, o.Settings.Network.HiddenActivation.Alpha, o.Settings.Network.Hidden.ToArray(),
            o.Settings.LearningRate, o.Settings.Network.Initializer, o.Settings.Network.HiddenBias, o.Settings.Seed, o.MetricName,
            Finite(o.Metric), o.Dead, o.Inactive, o.Units, o.BornDead, o.BornDeadLayer, o.DeadLayerAtEnd, o.BestEpoch, o.Result.StopReason.ToString(),
            o.Result.History.Where(h => h.Epoch > 0).Select(h => Finite(h.Loss)).ToArray(),
            o.Result.History.Where(h => h.Epoch > 0).Select(h => Finite(h.ValidationLoss)).ToArray(),
            o.Result.History.Select(h => h.TotalDead).ToArray())).ToArray(), ExperimentJsonContext.Default.ExperimentRunDocumentArray);

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}

/// <summary>One run in the experiment JSON.</summary>
public sealed record ExperimentRunDocument(
    int Run, string Activation, double? Alpha, int[] Hidden, double LearningRate, string Init, double BiasInit, long Seed,
    string MetricName, double? Metric, int Dead, int Inactive, int Units, int BornDead, bool BornDeadNetwork, bool DeadLayerAtEnd,
    int BestEpoch, string StopReason, double?[] Loss, double?[] ValidationLoss, int?[] DeadPerEpoch);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ExperimentRunDocument[]))]
internal sealed partial class ExperimentJsonContext : JsonSerializerContext;
