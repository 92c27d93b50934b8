using System.Globalization;
using NeuralNet.Core.Data;

namespace NeuralNet.Cli.Features;

/// <summary>The CLI's handle on --culture: Core's <see cref="CellParser"/> (where the rules for numbers and missing values live) for one culture.</summary>
public sealed class ValueParser
{
    private readonly CellParser _cells;

    /// <summary>Creates a parser for <paramref name="culture"/>.</summary>
    public ValueParser(CultureInfo culture) => _cells = new CellParser(culture);

    /// <summary>The invariant-culture parser.</summary>
    public static ValueParser Invariant { get; } = new(CultureInfo.InvariantCulture);

    /// <summary>The culture numbers are parsed in.</summary>
    public CultureInfo Culture => _cells.Culture;

    /// <summary>Whether <paramref name="text"/> stands for a missing value (empty, NA, N/A, NaN, null, ?).</summary>
    public static bool IsMissing(string text) => CellParser.IsMissing(text);

    /// <summary>Parses a finite number; false for anything else (including ∞).</summary>
    public bool TryParse(string text, out double value) => _cells.TryParse(text, out value);

    /// <summary>Parses a culture name given by --culture.</summary>
    /// <exception cref="CliException">If the culture is unknown.</exception>
    public static ValueParser ForCulture(string? name)
    {
        try
        {
            var cells = CsvReadOptions.ParserFor(name);
            return cells == CellParser.Invariant ? Invariant : new ValueParser(cells.Culture);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(e.Message);
        }
    }
}
