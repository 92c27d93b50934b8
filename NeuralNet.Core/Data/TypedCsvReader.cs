using CsvHelper;

namespace NeuralNet.Core.Data;

/// <summary>
/// Reads a CSV file with a header row straight into typed columns (<see cref="DataTable"/>). Quoted fields, a byte order
/// mark, UTF-16 and CRLF line ends are handled by CsvHelper; the delimiter is detected among <c>, ; tab |</c> unless
/// given. Large UTF-8 files are parsed in chunks on all cores (<see cref="ParallelChunks"/>). Every problem is a one-line
/// <see cref="DataException"/> naming the file and line.
/// </summary>
public static class TypedCsvReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The file, as the user typed it (messages quote it).</param>
    /// <param name="options">Delimiter, culture, precision and threads; null for <see cref="CsvReadOptions.Default"/>.</param>
    /// <exception cref="DataException">If the file is missing, empty, too large for the memory, binary, header-only, ragged, badly quoted or not UTF-8.</exception>
    public static DataTable Read(string path, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        var (length, head) = CsvFiles.Check(path);
        try
        {
            string[] columns;
            char separator;
            using (var csv = CsvReader.FromFile(path, ChunkParser.Options(header: true, options.Delimiter)))
            {
                columns = csv.Headers.Select(h => h.Trim()).ToArray();
                CsvFiles.CheckHeader(path, columns);
                separator = csv.Separator;
                MemoryEstimate.Check(path, length, head, columns.Length, options);
                if (!Parallel(length, head, options))
                    return Build(path, columns, separator, [ChunkParser.Parse(csv, path, columns, Builders(path, columns, options), 0)], options);
                if (!csv.Read()) throw NoRows(path);
                long start = csv.ByteOffset, line = csv.LineNumber;
                csv.Dispose();
                var chunks = ParallelChunks.Read(path, start, line, columns, separator, () => Builders(path, columns, options), options);
                return Build(path, columns, separator, chunks, options);
            }
        }
        catch (CsvFormatException e)
        {
            throw new DataException($"{path}:{e.LineNumber}: malformed CSV: {CsvFiles.Reason(e.Message)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CsvFiles.CannotRead(path, e);
        }
    }

    /// <summary>
    /// The data records of a file that <see cref="Read"/> has read, one at a time as text (for writing rows back out,
    /// such as predictions beside their input), with the delimiter <paramref name="delimiter"/> the table found.
    /// </summary>
    public static IEnumerable<string[]> Records(string path, char delimiter)
    {
        using var csv = CsvReader.FromFile(path, ChunkParser.Options(header: true, delimiter));
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (int i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
            yield return fields;
        }
    }

    /// <summary>Large UTF-8 files with LF line ends are read in parallel; UTF-16 (transcoded by CsvHelper) and small files are not.</summary>
    private static bool Parallel(long length, byte[] head, CsvReadOptions options)
        => options.Workers > 1 && length >= options.ParallelFromBytes && !CsvFiles.IsWide(head) && head.AsSpan().Contains((byte)'\n');

    /// <summary>A builder per column; with <paramref name="textOnly"/>, builders (reading text) for those columns only.</summary>
    private static ColumnBuilder?[] Builders(string path, string[] columns, CsvReadOptions options, ISet<int>? textOnly = null)
        => columns.Select((name, i) => textOnly is null || textOnly.Contains(i)
            ? new ColumnBuilder(options.Parser, path, name, i, options.Double, text: textOnly is not null || options.TextColumns?.Contains(name) == true)
            : null).ToArray();

    private static DataTable Build(string path, string[] columns, char separator, List<ChunkResult> chunks, CsvReadOptions options)
    {
        int rows = chunks.Sum(c => c.Rows);
        if (rows == 0) throw NoRows(path);
        var lines = new long[rows];
        int at = 0;
        foreach (var chunk in chunks)
        {
            chunk.Lines.AsSpan(0, chunk.Rows).CopyTo(lines.AsSpan(at));
            at += chunk.Rows;
        }
        var data = new DataColumn?[columns.Length];
        for (int c = 0; c < columns.Length; c++) data[c] = ColumnMerger.Merge(chunks.Select(k => k.Parts[c]!).ToList());
        var again = Enumerable.Range(0, columns.Length).Where(c => data[c] is null).ToHashSet();
        if (again.Count > 0)
        {
            // Columns that turned to text after many distinct numbers: their text is read again from the file, exactly.
            chunks.Clear();
            using var csv = CsvReader.FromFile(path, ChunkParser.Options(header: true, separator));
            var reread = ChunkParser.Parse(csv, path, columns, Builders(path, columns, options, again), 0);
            foreach (int c in again) data[c] = ColumnMerger.Merge([reread.Parts[c]!]);
        }
        return new DataTable(path, data!, lines, rows, separator);
    }

    internal static DataException NoRows(string path) => new($"{path}: the file has a header row but no data rows");
}
