using System.Globalization;

namespace NeuralNet.Cli.Features;

/// <summary>Parses field text as numbers in one culture (invariant by default) and recognizes missing values.</summary>
public sealed class ValueParser
{
    private static readonly string[] MissingMarkers = ["NA", "N/A", "NaN", "null", "?"];

    /// <summary>Creates a parser for <paramref name="culture"/>.</summary>
    public ValueParser(CultureInfo culture) => Culture = culture;

    /// <summary>The invariant-culture parser.</summary>
    public static ValueParser Invariant { get; } = new(CultureInfo.InvariantCulture);

    /// <summary>The culture numbers are parsed in.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Whether <paramref name="text"/> stands for a missing value.</summary>
    public static bool IsMissing(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.IsEmpty) return true;
        foreach (var marker in MissingMarkers)
            if (t.Equals(marker, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Parses a finite number; false for anything else (including ∞).</summary>
    public bool TryParse(string text, out double value)
        => double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, Culture, out value)
           && double.IsFinite(value);

    /// <summary>Parses a culture name given by --culture.</summary>
    /// <exception cref="CliException">If the culture is unknown.</exception>
    public static ValueParser ForCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name == "invariant") return Invariant;
        try
        {
            return new ValueParser(CultureInfo.GetCultureInfo(name, predefinedOnly: true));
        }
        catch (CultureNotFoundException)
        {
            throw CliException.Usage($"unknown culture '{name}'; expected a name such as 'invariant', 'en-US' or 'de-DE'");
        }
    }
}
