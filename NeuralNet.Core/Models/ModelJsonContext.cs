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

/// <summary>
/// The model file's writer: source-generated serialization code only (no metadata), so saving a model does not build
/// the property metadata of every type in the file, which cost tens of milliseconds of JIT in every <c>train</c>.
/// The same options as <see cref="ModelJsonContext"/>; the file's bytes are the same.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ModelDocument))]
internal sealed partial class ModelWriteJsonContext : JsonSerializerContext;
