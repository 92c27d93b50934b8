using CsvHelper;

namespace NeuralNet.Core.Data;

/// <summary>
/// Reads the records of one CsvHelper reader (a whole file after its header, or one chunk of it) into column builders,
/// one cell at a time from CsvHelper's UTF-8 field spans: no string per numeric cell.
/// </summary>
internal static class ChunkParser
{
    /// <summary>Reads every record left in <paramref name="csv"/>.</summary>
    /// <param name="csv">The reader, positioned before the first record to read.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="builders">One per column; null for a column to skip.</param>
    /// <param name="lineOffset">Added to CsvHelper's line numbers (the lines before the chunk).</param>
    /// <exception cref="DataException">On a ragged row, malformed quoting or invalid UTF-8, naming the line.</exception>
    public static ChunkResult Parse(CsvReader csv, string path, string[] columns, ColumnBuilder?[] builders, long lineOffset)
    {
        var lines = new long[1024];
        int rows = 0;
        try
        {
            while (csv.Read())
            {
                long line = lineOffset + csv.LineNumber;
                if (csv.FieldCount != columns.Length)
                    throw new DataException($"{path}:{line}: expected {columns.Length} fields as in the header, found {csv.FieldCount} (a ragged row)");
                for (int i = 0; i < builders.Length; i++) builders[i]?.Append(csv.GetSpan(i), line);
                if (rows == lines.Length) Array.Resize(ref lines, rows * 2);
                lines[rows++] = line;
            }
        }
        catch (CsvFormatException e)
        {
            throw new DataException($"{path}:{lineOffset + e.LineNumber}: malformed CSV: {CsvFiles.Reason(e.Message)}");
        }
        return new ChunkResult(rows, lines, builders.Select(b => b?.Finish()).ToArray());
    }

    /// <summary>CsvHelper options: with the file's header row, or none for a chunk.</summary>
    public static CsvReaderOptions Options(bool header, char? separator) => new()
    {
        HasHeader = header,
        Separator = separator,
        TrackLineNumbers = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow, // checked in Parse, so the message can name the line
        MalformedData = CsvMalformedDataHandling.Throw,
    };
}

/// <summary>The rows of one chunk: how many, the line each starts on, and each column's part (null where skipped).</summary>
internal sealed record ChunkResult(int Rows, long[] Lines, ColumnPart?[] Parts);
