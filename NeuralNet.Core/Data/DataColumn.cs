namespace NeuralNet.Core.Data;

/// <summary>One column of a <see cref="DataTable"/>, typed: numbers (<see cref="NumericColumn"/>) or category codes (<see cref="CategoryColumn"/>).</summary>
public abstract class DataColumn
{
    /// <summary>Creates the column.</summary>
    protected DataColumn(string name, ColumnStats stats) => (Name, Stats) = (name, stats);

    /// <summary>The column's name in the header.</summary>
    public string Name { get; }

    /// <summary>What the reader saw in the column, for deciding its kind (<see cref="TypeInference"/>).</summary>
    public ColumnStats Stats { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Count { get; }

    /// <summary>Whether the cell of <paramref name="row"/> is missing (empty, NA, N/A, NaN, null or ?).</summary>
    public abstract bool IsMissing(int row);

    /// <summary>Whether any cell is missing (the reader counted the present ones), so that a clean column is not scanned for them.</summary>
    internal bool HasMissing => Stats.Present < Count;
}

/// <summary>
/// What a column held, counted as it was read: the cells present (not missing), those that look like numbers
/// (usable or not, such as <c>inf</c> or <c>1,5</c>), and the first cell that is not a usable number.
/// </summary>
/// <param name="Present">Cells that are not missing.</param>
/// <param name="Numbers">Present cells that look like numbers.</param>
/// <param name="FirstBadRow">Row of the first present cell that is not a number, or -1.</param>
/// <param name="FirstBadText">Its trimmed text, or null.</param>
/// <param name="FirstOddRow">Row of the first number that cannot be used as it is (not finite, or with a comma), or -1.</param>
/// <param name="FirstOddText">Its trimmed text, or null.</param>
public sealed record ColumnStats(long Present, long Numbers, int FirstBadRow, string? FirstBadText, int FirstOddRow, string? FirstOddText)
{
    /// <summary>Stats of a column whose present cells are all usable numbers.</summary>
    public static ColumnStats AllNumbers(long present) => new(present, present, -1, null, -1, null);
}

/// <summary>
/// A column of finite numbers, float32 unless the precision asks for float64 or a value does not fit in float32
/// (beyond ±3.4e38, or so close to 0 that it would lose its digits): then the whole column is float64.
/// A missing cell is NaN (a NaN in the file is a missing-value marker, so no value is NaN otherwise).
/// </summary>
public sealed class NumericColumn : DataColumn
{
    /// <summary>Distinct values whose first spelling is kept (see <see cref="Spellings"/>).</summary>
    public const int MaxSpellings = 32;

    private readonly float[]? _single;
    private readonly double[]? _double;

    /// <summary>Creates the column over float32 values (<paramref name="single"/>) or float64 values (<paramref name="wide"/>).</summary>
    internal NumericColumn(string name, ColumnStats stats, float[]? single, double[]? wide, int count, IReadOnlyDictionary<double, string>? spellings)
        : base(name, stats) => (_single, _double, Count, Spellings) = (single, wide, count, spellings);

    /// <inheritdoc/>
    public override int Count { get; }

    /// <summary>Whether the values are float64.</summary>
    public bool IsDouble => _double is not null;

    /// <summary>The float32 values (NaN = missing); empty when <see cref="IsDouble"/>.</summary>
    public ReadOnlySpan<float> Singles => _single.AsSpan(0, _single is null ? 0 : Count);

    /// <summary>The float64 values (NaN = missing); empty unless <see cref="IsDouble"/>.</summary>
    public ReadOnlySpan<double> Doubles => _double.AsSpan(0, _double is null ? 0 : Count);

    /// <summary>The value of <paramref name="row"/>, NaN when missing.</summary>
    public double this[int row] => _double is not null ? _double[row] : _single![row];

    /// <summary>
    /// For columns with at most <see cref="MaxSpellings"/> distinct values, each value's text as first written in the file
    /// (trimmed), so that class labels such as "1.0" keep their spelling without a string per cell; null for more values.
    /// </summary>
    public IReadOnlyDictionary<double, string>? Spellings { get; }

    /// <inheritdoc/>
    public override bool IsMissing(int row) => double.IsNaN(this[row]);
}

/// <summary>A column of text, interned: an int code per row (-1 = missing) into a vocabulary in first-seen order.</summary>
public sealed class CategoryColumn : DataColumn
{
    private readonly int[] _codes;

    /// <summary>Creates the column.</summary>
    internal CategoryColumn(string name, ColumnStats stats, int[] codes, int count, IReadOnlyList<string> vocabulary)
        : base(name, stats) => (_codes, Count, Vocabulary) = (codes, count, vocabulary);

    /// <inheritdoc/>
    public override int Count { get; }

    /// <summary>The distinct trimmed texts, in the order they first appear in the file.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The code of every row: an index into <see cref="Vocabulary"/>, or -1 when missing.</summary>
    public ReadOnlySpan<int> Codes => _codes.AsSpan(0, Count);

    /// <summary>The code of <paramref name="row"/> (-1 when missing).</summary>
    public int this[int row] => _codes[row];

    /// <summary>The trimmed text of <paramref name="row"/>, or null when missing.</summary>
    public string? Text(int row) => _codes[row] < 0 ? null : Vocabulary[_codes[row]];

    /// <inheritdoc/>
    public override bool IsMissing(int row) => _codes[row] < 0;
}
