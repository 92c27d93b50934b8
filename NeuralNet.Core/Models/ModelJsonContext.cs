using System.Text.Json.Serialization;

namespace NeuralNet.Core.Models;

/// <summary>Source-generated System.Text.Json metadata for the model file (camelCase, indented).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ModelDocument))]
[JsonSerializable(typeof(ModelHeader))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;

/// <summary>The two fields read first to recognize a model file before reading the rest.</summary>
internal sealed record ModelHeader(string? Format, int? SchemaVersion);
