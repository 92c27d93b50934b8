using System.Buffers;
using System.Runtime.CompilerServices;
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
    /// <param name="expectedRows">About how many records there are (room is made for them; more may come).</param>
    /// <exception cref="DataException">On a ragged row, malformed quoting or invalid UTF-8, naming the line.</exception>
    // No AggressiveOptimization: non-generic code ships precompiled (ReadyToRun), optimized from the first call; that flag would discard it and JIT-compile this method in every process.
    public static ChunkResult Parse(CsvReader csv, string path, string[] columns, ColumnBuilder?[] builders, long lineOffset, int expectedRows = 0)
    {
        var lines = ArrayPool<long>.Shared.Rent(Math.Max(1024, expectedRows));
        int rows = 0;
        try
        {
            while (csv.Read())
            {
                long line = lineOffset + csv.LineNumber;
                if (csv.FieldCount != columns.Length)
                    throw new DataException($"{path}:{line}: expected {columns.Length} fields as in the header, found {csv.FieldCount} (a ragged row)");
                for (int i = 0; i < builders.Length; i++) builders[i]?.Append(csv.GetSpan(i), line);
                if (rows == lines.Length) lines = Grow(lines, rows);
                lines[rows++] = line;
            }
        }
        catch (CsvFormatException e)
        {
            throw new DataException($"{path}:{lineOffset + e.LineNumber}: malformed CSV: {CsvFiles.Reason(e.Message)}");
        }
        return new ChunkResult(rows, lines, builders.Select(b => b?.Finish()).ToArray());
    }

    private static long[] Grow(long[] lines, int rows)
    {
        var bigger = ArrayPool<long>.Shared.Rent(rows * 2);
        lines.AsSpan(0, rows).CopyTo(bigger);
        ArrayPool<long>.Shared.Return(lines);
        return bigger;
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

/// <summary>The rows of one chunk: how many, the line each starts on (a pooled array), and each column's part (null where skipped).</summary>
internal sealed record ChunkResult(int Rows, long[] Lines, ColumnPart?[] Parts);
