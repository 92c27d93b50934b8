using NeuralNet.Core.Models;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralNet.Cli.Persistence;

/// <summary>Serializes the --json reports of <c>train</c>, <c>evaluate</c> and <c>inspect</c>.</summary>
public static class ReportJson
{
    /// <summary>Serializes a train report for --json.</summary>
    public static string ToJson(TrainReportDocument report) => JsonSerializer.Serialize(report, CliJsonContext.Default.TrainReportDocument);

    /// <summary>Serializes an evaluate report for --json.</summary>
    public static string ToJson(EvaluateReportDocument report) => JsonSerializer.Serialize(report, CliJsonContext.Default.EvaluateReportDocument);

    /// <summary>Serializes an inspect report for --json.</summary>
    public static string ToJson(InspectReportDocument report) => JsonSerializer.Serialize(report, CliJsonContext.Default.InspectReportDocument);
}

/// <summary>Source-generated System.Text.Json metadata for the checkpoint and the --json reports (camelCase, indented), as the model file's.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CheckpointDocument))]
[JsonSerializable(typeof(CheckpointDocumentV1))]
[JsonSerializable(typeof(TrainReportDocument))]
[JsonSerializable(typeof(EvaluateReportDocument))]
[JsonSerializable(typeof(InspectReportDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
