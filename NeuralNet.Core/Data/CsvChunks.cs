using System.Buffers;
using CsvHelper;

namespace NeuralNet.Core.Data;

/// <summary>
/// Reads a CSV file as a sequence of small <see cref="DataTable"/>s, one per block of about
/// <see cref="CsvReadOptions.ChunkBytes"/> bytes cut after a line break outside quotes, so that memory does not grow
/// with the file (predict and evaluate). Each table's rows know their lines in the file, so messages still name
/// <c>file:line</c>. A column whose numbers turn to text within a block is read again from that block's bytes, as
/// the whole-file reader does. UTF-16 files and files without LF line ends are read whole (one table).
/// </summary>
public static class CsvChunks
{
    /// <summary>The tables of <paramref name="path"/>'s rows, in file order.</summary>
    /// <exception cref="DataException">As <see cref="TypedCsvReader.Read"/>, for the chunk where the problem is.</exception>
    public static IEnumerable<DataTable> Read(string path, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        var (_, head) = CsvFiles.Check(path);
        double bytesPerLine = MemoryEstimate.BytesPerLine(head);
        if (CsvFiles.IsWide(head) || !head.AsSpan().Contains((byte)'\n'))
        {
            yield return TypedCsvReader.Read(path, options);
            yield break;
        }
        var (columns, separator, start, line) = Header(path, options);
        var readerOptions = ChunkParser.Options(header: false, separator);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        file.Position = start;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, options.ChunkBytes));
        try
        {
            int carried = 0;
            bool end = false, any = false;
            while (!end)
            {
                int length = carried + file.ReadAtLeast(buffer.AsSpan(carried), buffer.Length - carried, throwOnEndOfStream: false);
                end = length < buffer.Length;
                int cut = end ? length : ParallelChunks.Cut(buffer.AsSpan(0, length));
                if (cut <= 0 && !end)
                {
                    // No line break outside quotes in the whole block (a long record): a bigger block.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    (buffer, carried) = (bigger, length);
                    continue;
                }
                if (cut > 0)
                {
                    var table = Parse(path, columns, separator, new ReadOnlyMemory<byte>(buffer, 0, cut), line - 1, readerOptions, options, bytesPerLine);
                    line += ParallelChunks.LineBreaks(buffer.AsSpan(0, cut));
                    if (table is not null)
                    {
                        any = true;
                        yield return table;
                    }
                }
                carried = length - cut;
                buffer.AsSpan(cut, carried).CopyTo(buffer);
            }
            if (!any) throw TypedCsvReader.NoRows(path);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The header's names, the delimiter, and the byte offset and line of the first data record.</summary>
    private static (string[] Columns, char Separator, long Start, long Line) Header(string path, CsvReadOptions options)
    {
        try
        {
            using var csv = CsvReader.FromFile(path, ChunkParser.Options(header: true, options.Delimiter));
            var columns = csv.Headers.Select(h => h.Trim()).ToArray();
            CsvFiles.CheckHeader(path, columns);
            if (!csv.Read()) throw TypedCsvReader.NoRows(path);
            return (columns, csv.Separator, csv.ByteOffset, csv.LineNumber);
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

    /// <summary>One block's rows as a table, or null when the block holds no record (blank lines only).</summary>
    private static DataTable? Parse(string path, string[] columns, char separator, ReadOnlyMemory<byte> block, long lineOffset,
        CsvReaderOptions readerOptions, CsvReadOptions options, double bytesPerLine)
    {
        ChunkResult chunk;
        int rows = (int)(block.Length / bytesPerLine * 1.1) + 64;
        bool checkNul = block.Span.Contains((byte)0);
        using (var csv = CsvReader.Create(block, readerOptions))
            chunk = ChunkParser.Parse(csv, path, columns, Builders(path, columns, options, null, rows, checkNul), lineOffset, rows);
        if (chunk.Rows == 0) return null;
        var data = new DataColumn?[columns.Length];
        for (int c = 0; c < columns.Length; c++) data[c] = ColumnMerger.Merge([chunk.Parts[c]!]);
        var again = Enumerable.Range(0, columns.Length).Where(c => data[c] is null).ToHashSet();
        if (again.Count > 0)
        {
            using var csv = CsvReader.Create(block, readerOptions);
            var reread = ChunkParser.Parse(csv, path, columns, Builders(path, columns, options, again, rows, checkNul), lineOffset, rows);
            foreach (int c in again) data[c] = ColumnMerger.Merge([reread.Parts[c]!]);
        }
        var span = block.Span;
        bool plain = !span.ContainsAny((byte)'"', (byte)'\r') && span.Count((byte)'\n') + (span[^1] == '\n' ? 0 : 1) == chunk.Rows;
        return new DataTable(path, data!, chunk.Lines[..chunk.Rows], chunk.Rows, separator) { PlainLines = plain ? span.ToArray() : default };
    }

    private static ColumnBuilder?[] Builders(string path, string[] columns, CsvReadOptions options, ISet<int>? textOnly, int rows, bool checkNul)
        => columns.Select((name, i) => textOnly is null || textOnly.Contains(i)
            ? new ColumnBuilder(options.Parser, path, name, i, options.Double, text: textOnly is not null || options.TextColumns?.Contains(name) == true, rows, checkNul)
            : null).ToArray();
}
