using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace NeuralNet.Core.Data;

/// <summary>
/// Reads one CSV cell: whether it is missing, and its number in one culture (invariant by default). Works on the
/// UTF-8 bytes the CSV reader hands out, so a numeric cell never becomes a string; cells with non-ASCII bytes are
/// decoded first and take the same rules (trimming with <see cref="char.IsWhiteSpace(char)"/>, as before).
/// </summary>
public sealed class CellParser
{
    private static readonly string[] MissingMarkers = ["NA", "N/A", "NaN", "null", "?"];
    private static readonly CultureInfo DecimalComma = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Creates a parser for <paramref name="culture"/>.</summary>
    public CellParser(CultureInfo culture)
    {
        Culture = culture;
        var format = culture.NumberFormat;
        _fast = format.NumberDecimalSeparator == "." && format.NegativeSign == "-" && format.PositiveSign == "+";
    }

    // The culture spells numbers as the invariant one does, so the exact fast path (FastDecimal) may go first.
    private readonly bool _fast;

    /// <summary>Whether a number <see cref="FastDecimal"/> reads is the number <see cref="TryParseUtf8"/> gives (the culture spells numbers as the invariant one).</summary>
    internal bool IsFast => _fast;

    /// <summary>The invariant-culture parser.</summary>
    public static CellParser Invariant { get; } = new(CultureInfo.InvariantCulture);

    /// <summary>The culture numbers are parsed in.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Whether the ASCII cell <paramref name="utf8"/> is missing: empty, blank, or NA, N/A, NaN, null, ? (any case).</summary>
    public static bool IsMissingAscii(ReadOnlySpan<byte> utf8)
    {
        var t = utf8[Ascii.Trim(utf8)];
        if (t.IsEmpty) return true;
        if (t.Length > 4) return false;
        foreach (var marker in MissingMarkers)
            if (Ascii.EqualsIgnoreCase(t, marker.AsSpan())) return true;
        return false;
    }

    /// <summary>Whether <paramref name="text"/> stands for a missing value.</summary>
    public static bool IsMissing(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.IsEmpty) return true;
        foreach (var marker in MissingMarkers)
            if (t.Equals(marker, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// Parses a finite number from UTF-8 bytes (surrounding ASCII whitespace allowed); false for anything else. It accepts
    /// what <see cref="TryParse"/> accepts on the decoded text, except around non-ASCII whitespace, which only the latter trims.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called for every cell from the first: no time for tiering
    public bool TryParseUtf8(ReadOnlySpan<byte> utf8, out double value)
        => (_fast && FastDecimal.TryParse(utf8, out value))
           || (double.TryParse(utf8, NumberStyles.Float, Culture, out value) && double.IsFinite(value));

    /// <summary>Parses a finite number; false for anything else (including ∞).</summary>
    public bool TryParse(ReadOnlySpan<char> text, out double value)
        => double.TryParse(text.Trim(), NumberStyles.Float, Culture, out value) && double.IsFinite(value);

    /// <summary>
    /// Whether <paramref name="text"/> is a number that is not finite: <c>inf</c>, <c>-Infinity</c>, <c>∞</c>, or a value
    /// beyond the double range such as <c>1e309</c>. Such values are refused: a network cannot learn from them.
    /// </summary>
    public bool IsNonFinite(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        var unsigned = t.Length > 0 && t[0] is '+' or '-' ? t[1..] : t;
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase) || unsigned.SequenceEqual("∞"))
            return true;
        return double.TryParse(t, NumberStyles.Float, Culture, out double value) && double.IsInfinity(value);
    }

    /// <summary>Whether <paramref name="text"/> fails to parse only because of a decimal comma or a thousands separator.</summary>
    public bool IsCommaNumber(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.IndexOfAny(',', '.') < 0 || TryParse(t, out _)) return false;
        return double.TryParse(t, NumberStyles.Float | NumberStyles.AllowThousands, Culture, out _)
               || double.TryParse(t, NumberStyles.Float, DecimalComma, out _)
               || double.TryParse(t, NumberStyles.Float | NumberStyles.AllowThousands, DecimalComma, out _);
    }

    /// <summary>Whether <paramref name="text"/> counts as a number when deciding a column's kind (usable or not).</summary>
    public bool LooksNumeric(ReadOnlySpan<char> text) => TryParse(text, out _) || IsNonFinite(text) || IsCommaNumber(text);

    /// <summary>Why <paramref name="text"/> is not a usable number, for messages.</summary>
    public string WhyNotANumber(ReadOnlySpan<char> text)
    {
        if (IsNonFinite(text)) return "is not a finite number (infinity, or beyond ±1.8e308); such values cannot be trained on, remove or replace them";
        if (IsCommaNumber(text))
            return Culture.NumberFormat.NumberDecimalSeparator == "."
                ? "is not a number with a decimal point: for decimal commas pass --culture (e.g. --culture de-DE); thousands separators are not accepted, remove them"
                : $"is not a number in culture {Culture.Name}: thousands separators are not accepted, remove them";
        return "is not a number";
    }
}
