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
    public static IReadOnlyList<KeyValuePair<string, string>> Rows(string dataPath, long seed, object settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<KeyValuePair<string, string>>
        {
            new("data file", Path.GetFullPath(dataPath)),
            new("data SHA-256", CheckpointStore.HashFiles([dataPath])),
            new("seed", seed.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var p in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
            rows.Add(new(p.Name, Show(p.GetValue(settings))));
        return rows;
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
