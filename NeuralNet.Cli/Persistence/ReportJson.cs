using NeuralNet.Core.Models;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralNet.Cli.Persistence;

/// <summary>Serializes the --json reports of <c>train</c> and <c>evaluate</c>.</summary>
public static class ReportJson
{
    /// <summary>Serializes a train report for --json.</summary>
    public static string ToJson(TrainReportDocument report) => JsonSerializer.Serialize(report, CliJsonContext.Default.TrainReportDocument);

    /// <summary>Serializes an evaluate report for --json.</summary>
    public static string ToJson(EvaluateReportDocument report) => JsonSerializer.Serialize(report, CliJsonContext.Default.EvaluateReportDocument);
}

/// <summary>Source-generated System.Text.Json metadata for the checkpoint and the --json reports (camelCase, indented), as the model file's.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CheckpointDocument))]
[JsonSerializable(typeof(TrainReportDocument))]
[JsonSerializable(typeof(EvaluateReportDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
