using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralNet.Core.Experiments.Results;

/// <summary>The one set of JSON options results files are written and read with (one line per value; NaN allowed).</summary>
internal static class ResultsJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };
}
