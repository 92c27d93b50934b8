using System.Globalization;

namespace NeuralNet.Core.Data;

/// <summary>Parses field text as numbers in one culture (invariant by default) and recognizes missing values.</summary>
public sealed class ValueParser
{
    private readonly CellParser _cells;

    /// <summary>A parser for <paramref name="culture"/>.</summary>
    public ValueParser(CultureInfo culture) => _cells = new CellParser(culture);

    /// <summary>The invariant-culture parser (the default).</summary>
    public static ValueParser Invariant { get; } = new(CultureInfo.InvariantCulture);

    /// <summary>The culture numbers are read in.</summary>
    public CultureInfo Culture => _cells.Culture;

    /// <summary>The span-based parser that holds the rules; this type is its string face for encoders and messages.</summary>
    public CellParser Cells => _cells;

    /// <summary>Whether <paramref name="text"/> is a missing-value marker (empty, NA, N/A, NaN, null, ?).</summary>
    public static bool IsMissing(string text) => CellParser.IsMissing(text);

    /// <summary>Parses a finite number in the culture.</summary>
    public bool TryParse(string text, out double value) => _cells.TryParse(text, out value);

    /// <summary>Whether <paramref name="text"/> is infinite or overflows double.</summary>
    public bool IsNonFinite(string text) => _cells.IsNonFinite(text);

    /// <summary>Whether <paramref name="text"/> fails to parse only because of a decimal comma or a thousands separator.</summary>
    public bool IsCommaNumber(string text) => _cells.IsCommaNumber(text);

    /// <summary>
    /// Why <paramref name="text"/> is not a usable number, for messages: "is not a finite number ...", a hint about
    /// commas, or "is not a number".
    /// </summary>
    public string WhyNotANumber(string text) => _cells.WhyNotANumber(text);

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
