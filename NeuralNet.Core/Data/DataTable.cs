namespace NeuralNet.Core.Data;

/// <summary>
/// A CSV file read into typed columns: the header's names, one <see cref="DataColumn"/> per name, and the line each
/// row starts on, so that later errors can name <c>file:line</c>.
/// </summary>
public sealed class DataTable
{
    private readonly long[] _lines;

    /// <summary>Creates a table; every column has <paramref name="rows"/> rows.</summary>
    public DataTable(string source, IReadOnlyList<DataColumn> columns, long[] lines, int rows, char delimiter)
        => (Source, Data, _lines, RowCount, Delimiter) = (source, columns, lines, rows, delimiter);

    /// <summary>The path as the user gave it (used in messages).</summary>
    public string Source { get; }

    /// <summary>The columns, in header order.</summary>
    public IReadOnlyList<DataColumn> Data { get; }

    /// <summary>Column names from the header row.</summary>
    public IReadOnlyList<string> Columns => Data.Select(c => c.Name).ToArray();

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>
    /// For a chunk read by <see cref="CsvChunks"/> whose bytes hold no quote and no CR, so that each record is one LF-ended
    /// line that its fields rejoined with the delimiter give back exactly: those bytes (UTF-8); otherwise empty.
    /// </summary>
    internal ReadOnlyMemory<byte> PlainLines { get; init; }

    /// <summary>The delimiter used (given or detected).</summary>
    public char Delimiter { get; }

    /// <summary>The line row <paramref name="row"/> starts on (1-based, the header is line 1).</summary>
    public long Line(int row) => _lines[row];

    /// <summary>The index of <paramref name="column"/> (exact match first, then ignoring case), or -1.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Data.Count; i++)
            if (Data[i].Name == column) return i;
        for (int i = 0; i < Data.Count; i++)
            if (string.Equals(Data[i].Name, column, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The index of the column named exactly (ordinal) <paramref name="column"/>, or -1: how a model's features bind.</summary>
    public int IndexOfExact(string column)
    {
        for (int i = 0; i < Data.Count; i++)
            if (string.Equals(Data[i].Name, column, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary><c>file:line</c> of row <paramref name="row"/>, for messages.</summary>
    public string Where(int row) => $"{Source}:{_lines[row]}";

    /// <summary>The column names quoted and comma-separated, for messages that list them.</summary>
    public string ColumnList => string.Join(", ", Data.Take(MaxListed).Select(c => $"'{c.Name}'")) + (Data.Count > MaxListed ? $", … ({Data.Count - MaxListed} more)" : "");

    /// <summary>How many names <see cref="ColumnList"/> shows: a 100k-column header must not make a 1 MB message.</summary>
    private const int MaxListed = 20;
}
