using System.Text.Json;

namespace NeuralNet.Core.Models;

/// <summary>
/// The one-line reason a model or checkpoint file is not valid JSON of the expected shape, without the .NET type names
/// System.Text.Json puts in its messages ("could not be converted to NeuralNet.Core.Models.ModelHeader").
/// </summary>
internal static class JsonErrors
{
    /// <summary>"a value of the wrong kind at $.layers[0].units (line 4)", or the parser's own first line when it names no type.</summary>
    public static string Describe(JsonException e)
    {
        string first = e.Message.Split('\n')[0].Trim();
        if (!first.Contains("could not be converted to", StringComparison.Ordinal)) return first;
        string line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
        return e.Path is null or "$" ? $"the document is not a JSON object{line}" : $"a value of the wrong kind at {e.Path}{line}";
    }
}
