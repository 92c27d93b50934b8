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
                double bytesPerLine = MemoryEstimate.BytesPerLine(head);
                int rows = (int)Math.Min(Array.MaxLength, length / bytesPerLine * 1.05 + 1024);
                if (!Parallel(length, head, options))
                {
                    var whole = ChunkParser.Parse(csv, path, columns, Builders(path, columns, options, null, rows), 0, rows);
                    if (whole.Rows == 0) throw NoRows(path);
                    var parts = Enumerable.Range(0, columns.Length).Select(c => ColumnMerger.Merge([whole.Parts[c]!])).ToArray();
                    return Build(path, columns, separator, parts, whole.Lines, whole.Rows, options);
                }
                if (!csv.Read()) throw NoRows(path);
                long start = csv.ByteOffset, line = csv.LineNumber;
                csv.Dispose();
                var assembler = new ColumnAssembler(columns, rows, options.Double);
                var many = new ManyDistinctColumns(columns.Length);
                ParallelChunks.Read(path, start, line, columns, separator,
                    (chunkRows, checkNul) => Builders(path, columns, options, null, chunkRows, checkNul, many), assembler, bytesPerLine, options);
                if (assembler.Rows == 0) throw NoRows(path);
                var data = Enumerable.Range(0, columns.Length).Select(assembler.Finish).ToArray();
                return Build(path, columns, separator, data, assembler.Lines, assembler.Rows, options);
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

    /// <summary>
    /// A builder per column, making room for about <paramref name="rows"/> rows; with <paramref name="textOnly"/>,
    /// builders (reading text) for those columns only.
    /// </summary>
    private static ColumnBuilder?[] Builders(string path, string[] columns, CsvReadOptions options, ISet<int>? textOnly, int rows, bool checkNul = true,
        ManyDistinctColumns? many = null)
        => columns.Select((name, i) => textOnly is null || textOnly.Contains(i)
            ? new ColumnBuilder(options.Parser, path, name, i, options.Double, text: textOnly is not null || options.TextColumns?.Contains(name) == true, rows, checkNul, many)
            : null).ToArray();

    /// <summary>The table of the columns read; a column that could not be joined exactly (null) is read again as text.</summary>
    private static DataTable Build(string path, string[] columns, char separator, DataColumn?[] data, long[] lines, int rows, CsvReadOptions options)
    {
        var again = Enumerable.Range(0, columns.Length).Where(c => data[c] is null).ToHashSet();
        if (again.Count > 0)
        {
            // Columns that turned to text after many distinct numbers: their text is read again from the file, exactly.
            using var csv = CsvReader.FromFile(path, ChunkParser.Options(header: true, separator));
            var reread = ChunkParser.Parse(csv, path, columns, Builders(path, columns, options, again, 0), 0, rows);
            foreach (int c in again) data[c] = ColumnMerger.Merge([reread.Parts[c]!]);
        }
        return new DataTable(path, data!, lines, rows, separator);
    }

    internal static DataException NoRows(string path) => new($"{path}: the file has a header row but no data rows");
}
