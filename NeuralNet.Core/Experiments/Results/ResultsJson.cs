using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralNet.Core.Experiments.Results;

/// <summary>The one set of JSON options results files are written and read with (one line per value; NaN allowed).</summary>
internal static class ResultsJson
{
    /// <summary>
    /// The source-generated metadata of <see cref="ResultsJsonContext"/>: a grid of tiny runs otherwise spends a good
    /// part of its fixed cost building serializers by reflection and compiling them.
    /// </summary>
    public static JsonSerializerOptions Options => ResultsJsonContext.Default.Options;
}

/// <summary>Source-generated System.Text.Json metadata for results files (camelCase, one line, enums by name).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(ExperimentIdentity))]
[JsonSerializable(typeof(RunOutcome))]
[JsonSerializable(typeof(IReadOnlyList<RunSettings>))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
