namespace NeuralNet.Core.Data;

/// <summary>
/// A CSV file read into memory as text: the header's column names and every data row, each with the 1-based line
/// it starts on, so that later errors can name <c>file:line</c>.
/// </summary>
/// <param name="Source">The path as the user gave it (used in messages).</param>
/// <param name="Columns">Column names from the header row.</param>
/// <param name="Rows">Data rows; each has exactly <see cref="Columns"/>.Count fields.</param>
/// <param name="Lines">The line each row starts on.</param>
/// <param name="Delimiter">The delimiter used (given or detected).</param>
public sealed record CsvTable(string Source, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, IReadOnlyList<long> Lines, char Delimiter)
{
    /// <summary>Number of data rows.</summary>
    public int RowCount => Rows.Count;

    /// <summary>The index of <paramref name="column"/> (exact match first, then ignoring case), or -1.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i] == column) return i;
        for (int i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary><c>file:line</c> of row <paramref name="row"/>, for messages.</summary>
    public string Where(int row) => $"{Source}:{Lines[row]}";

    /// <summary>The column names quoted and comma-separated, for messages that list them.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => $"'{c}'"));
}
