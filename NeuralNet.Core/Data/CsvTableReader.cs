using CsvHelper;

namespace NeuralNet.Core.Data;

/// <summary>
/// Reads a CSV file with a header row into a <see cref="CsvTable"/>. The only place that uses CsvHelper.
/// Quoted fields, a byte order mark and CRLF line ends are handled by CsvHelper; the delimiter is detected among
/// <c>, ; tab |</c> unless given. Every problem becomes a one-line <see cref="DataException"/> naming the file and line.
/// </summary>
public static class CsvTableReader
{
    /// <summary>
    /// The largest file read by default: 256 MiB. The whole table is held in memory as text (measured: 1.6 GB peak for a 100 MB file, about 16 bytes
    /// of memory per byte of file for short numeric fields), so larger files are refused before reading; --max-file-size raises the limit.
    /// </summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The file, as the user typed it (messages quote it).</param>
    /// <param name="delimiter">The delimiter, or null to detect it.</param>
    /// <param name="maxBytes">Files larger than this are refused before reading (see <see cref="DefaultMaxBytes"/>).</param>
    /// <exception cref="DataException">If the file is missing, empty, too large, binary, header-only, ragged or badly quoted.</exception>
    public static CsvTable Read(string path, char? delimiter = null, long maxBytes = DefaultMaxBytes)
    {
        if (Directory.Exists(path)) throw new DataException($"{path}: is a folder, expected a CSV file");
        if (!File.Exists(path)) throw new DataException($"{path}: file not found");
        long length = new FileInfo(path).Length;
        if (length == 0) throw new DataException($"{path}: the file is empty; expected a header row and data rows");
        if (length > maxBytes)
            throw new DataException(
                $"{path}: the file is {Megabytes(length)}, more than the limit of {Megabytes(maxBytes)}: the whole table is held in memory " +
                $"(about 16 bytes per byte of file); raise the limit with --max-file-size (e.g. --max-file-size {(length >> 20) + 1}M) if the machine has the memory");
        CheckText(path);

        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = delimiter,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // checked below, so the message can name the line
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        try
        {
            using var csv = CsvReader.FromFile(path, options);
            var columns = csv.Headers.Select(h => h.Trim()).ToArray();
            CheckHeader(path, columns);
            CheckDecoded(path, 1, columns, columns);
            var rows = new List<string[]>();
            var lines = new List<long>();
            while (csv.Read())
            {
                if (csv.FieldCount != columns.Length)
                    throw new DataException(
                        $"{path}:{csv.LineNumber}: expected {columns.Length} fields as in the header, found {csv.FieldCount} (a ragged row)");
                var fields = new string[columns.Length];
                for (int i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
                CheckDecoded(path, csv.LineNumber, columns, fields);
                rows.Add(fields);
                lines.Add(csv.LineNumber);
            }
            if (rows.Count == 0) throw new DataException($"{path}: the file has a header row but no data rows");
            return new CsvTable(path, columns, rows, lines, csv.Separator);
        }
        catch (CsvFormatException e)
        {
            throw new DataException($"{path}:{e.LineNumber}: malformed CSV: {Reason(e.Message)}");
        }
        catch (IOException e)
        {
            throw new DataException($"{path}: cannot read the file ({FirstLine(e.Message)})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException($"{path}: cannot read the file ({FirstLine(e.Message)})");
        }
    }

    private static string Megabytes(long bytes) => bytes < 1 << 20 ? $"{bytes} bytes" : $"{bytes / (1024.0 * 1024.0):0.#} MB";

    /// <summary>Refuses a binary file: a NUL byte in the first 64 KiB of a file without a UTF-16/32 byte order mark.</summary>
    private static void CheckText(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[64 * 1024];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            bool wide = n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
            int nul = Array.IndexOf(head, (byte)0, 0, n);
            if (!wide && nul >= 0)
                throw new DataException($"{path}: not a text file (a NUL byte at offset {nul}); expected a CSV file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot read the file ({FirstLine(e.Message)})");
        }
    }

    /// <summary>Refuses fields with bytes that were not valid in the file's encoding (decoded as U+FFFD).</summary>
    private static void CheckDecoded(string path, long line, string[] columns, string[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
            if (fields[i].Contains('\uFFFD'))
                throw new DataException(
                    $"{path}:{line}: column '{columns[i]}' (field {i + 1}) has bytes that are not valid UTF-8 text; save the file as UTF-8");
    }

    private static void CheckHeader(string path, string[] columns)
    {
        if (columns.Length == 0 || columns.All(c => c.Length == 0))
            throw new DataException($"{path}: the file is empty; expected a header row and data rows");
        int numbers = columns.Count(c => double.TryParse(c, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
        if (numbers * 2 > columns.Length)
            throw new DataException(
                $"{path}:1: the first line looks like data, not column names ({numbers} of its {columns.Length} fields are numbers: " +
                $"{string.Join(",", columns.Take(4))}{(columns.Length > 4 ? ",..." : "")}); the file needs a header row");
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0)
                throw new DataException($"{path}:1: column {i + 1} of the header has no name; a header row is required");
            int first = Array.IndexOf(columns, columns[i]);
            if (first != i)
                throw new DataException($"{path}:1: column name '{columns[i]}' appears twice in the header");
        }
    }

    /// <summary>CsvHelper's reason without the record, line and byte offset it also gives ("a quoted field that is never closed").</summary>
    private static string Reason(string message)
    {
        string reason = System.Text.RegularExpressions.Regex.Replace(FirstLine(message), @"^Malformed CSV in record \d+ \(line \d+\):\s*", "");
        return System.Text.RegularExpressions.Regex.Replace(reason, @"\s*\(byte offset \d+\)\.?$", "");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
