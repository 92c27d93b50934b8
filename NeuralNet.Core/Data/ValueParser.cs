using System.Globalization;

namespace NeuralNet.Core.Data;

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

    /// <summary>
    /// Whether <paramref name="text"/> is a number that is not finite: <c>inf</c>, <c>-Infinity</c>, <c>∞</c>, or a
    /// value beyond the double range such as <c>1e309</c>. Such values are refused: a network cannot learn from them.
    /// (<c>NaN</c> is a missing-value marker, see <see cref="IsMissing"/>.)
    /// </summary>
    public bool IsNonFinite(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.Length > 0 && t[0] is '+' or '-') t = t[1..];
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("∞"))
            return true;
        return double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, Culture, out double value) && double.IsInfinity(value);
    }

    /// <summary>
    /// Whether <paramref name="text"/> fails to parse only because of a comma: a decimal comma (<c>1,5</c>) under a
    /// culture with a decimal point, or a thousands separator (<c>1,234.5</c>, <c>1.234,5</c>).
    /// </summary>
    public bool IsCommaNumber(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.IndexOfAny(',', '.') < 0 || TryParse(text, out _)) return false;
        return double.TryParse(t, NumberStyles.Float | NumberStyles.AllowThousands, Culture, out _)
               || double.TryParse(t, NumberStyles.Float, DecimalComma, out _)
               || double.TryParse(t, NumberStyles.Float | NumberStyles.AllowThousands, DecimalComma, out _);
    }

    /// <summary>
    /// Why <paramref name="text"/> is not a usable number, for messages: "is not a finite number ...", a hint about
    /// commas, or "is not a number".
    /// </summary>
    public string WhyNotANumber(string text)
    {
        if (IsNonFinite(text)) return "is not a finite number (infinity, or beyond ±1.8e308); such values cannot be trained on, remove or replace them";
        if (IsCommaNumber(text))
            return Culture.NumberFormat.NumberDecimalSeparator == "."
                ? "is not a number with a decimal point: for decimal commas pass --culture (e.g. --culture de-DE); thousands separators are not accepted, remove them"
                : $"is not a number in culture {Culture.Name}: thousands separators are not accepted, remove them";
        return "is not a number";
    }

    private static readonly CultureInfo DecimalComma = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Parses a culture name given by --culture.</summary>
    /// <exception cref="SpecException">If the culture is unknown.</exception>
    public static ValueParser ForCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name == "invariant") return Invariant;
        try
        {
            return new ValueParser(CultureInfo.GetCultureInfo(name, predefinedOnly: true));
        }
        catch (CultureNotFoundException)
        {
            throw new SpecException($"unknown culture '{name}'; expected a name such as 'invariant', 'en-US' or 'de-DE'");
        }
    }
}
