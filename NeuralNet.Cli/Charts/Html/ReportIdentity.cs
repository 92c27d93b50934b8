using System.Collections;
using System.Globalization;
using System.Reflection;
using NeuralNet.Cli.Persistence;

namespace NeuralNet.Cli.Charts.Html;

/// <summary>The identity block at the top of a report: data file, its SHA-256, seed and every setting of the run.</summary>
public static class ReportIdentity
{
    /// <summary>
    /// Rows for <paramref name="settings"/> (a settings record; every public property becomes a row, so a new setting
    /// shows up without touching the report), after the data file, its SHA-256 and the seed.
    /// </summary>
    /// <param name="dataPath">The data file.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="settings">The settings record.</param>
    /// <param name="dataSha256">The data's SHA-256 taken when it was read; null to hash the file now.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Rows(string dataPath, long seed, object settings, string? dataSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<KeyValuePair<string, string>>
        {
            new("data file", Path.GetFullPath(dataPath)),
            new("data SHA-256", dataSha256 ?? HashNow(dataPath)),
            new("seed", seed.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var p in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
            rows.Add(new(p.Name, p.Name == nameof(NeuralNet.Cli.Workflows.TrainSettings.MaxFileBytes) && p.GetValue(settings) is NeuralNet.Core.Data.CsvTableReader.DefaultMaxBytes ? "no limit" : Show(p.GetValue(settings))));
        return rows;
    }

    private static string HashNow(string path)
    {
        try { return CheckpointStore.HashFiles([path]); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "unavailable (the file was removed or cannot be read)"; }
    }

    private static string Show(object? value) => value switch
    {
        null => "—",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => string.Join(", ", e.Cast<object?>().Select(Show)),
        _ => value.ToString() ?? "",
    };
}
