using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuralNet.Core.Data;

/// <summary>The checks made on a CSV file before and while reading it, each failing with a one-line <see cref="DataException"/>.</summary>
internal static class CsvFiles
{
    /// <summary>Refuses a folder, a missing or empty file, and a binary one; returns the file's length and its first bytes.</summary>
    public static (long Length, byte[] Head) Check(string path)
    {
        if (Directory.Exists(path)) throw new DataException($"{path}: is a folder, expected a CSV file");
        if (path == "-" && !File.Exists(path)) // the Unix habit for stdin; a stream cannot be read twice (types, then values)
            throw new DataException("-: reading the data from stdin is not supported; save it to a file first (for example: cat > data.csv)", path);
        if (!File.Exists(path)) throw new DataException($"{path}: file not found");
        FileNode.RequireRegular(path);
        long length = new FileInfo(path).Length;
        if (length == 0) throw new DataException($"{path}: the file is empty; expected a header row and data rows");
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[64 * 1024];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            Array.Resize(ref head, n);
            int nul = Array.IndexOf(head, (byte)0);
            if (!IsWide(head) && nul >= 0)
                throw new DataException($"{path}: not a text file (a NUL byte at offset {nul}); expected a CSV file");
            return (length, head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(path, e);
        }
    }

    /// <summary>Whether the file starts with a UTF-16 byte order mark (NUL bytes are then text).</summary>
    public static bool IsWide(ReadOnlySpan<byte> head)
        => head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));

    /// <summary>The error for a NUL byte in a cell (binary data, or a file cut and padded with zeros).</summary>
    public static DataException NulByte(string path, long line, string column)
        => new($"{path}:{line}: column '{column}' has a NUL byte; not a text file, or a damaged one", path, line);

    /// <summary>The error for an I/O failure.</summary>
    public static DataException CannotRead(string path, Exception e) => new($"{path}: cannot read the file ({FirstLine(e.Message)})");

    /// <summary>Refuses a header that is missing, looks like data, or has an empty or repeated name.</summary>
    public static void CheckHeader(string path, string[] columns)
    {
        if (columns.Length == 0 || columns.All(c => c.Length == 0))
            throw new DataException($"{path}: the file is empty; expected a header row and data rows");
        int numbers = columns.Count(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (numbers * 2 > columns.Length)
            throw new DataException(
                $"{path}:1: the first line looks like data, not column names ({numbers} of its {columns.Length} fields are numbers: " +
                $"{string.Join(",", columns.Take(4))}{(columns.Length > 4 ? ",..." : "")}); the file needs a header row");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0)
                throw new DataException($"{path}:1: column {i + 1} of the header has no name; a header row is required");
            if (!seen.Add(columns[i])) // a set: a 100k-column header is checked in linear time
                throw new DataException($"{path}:1: column name '{columns[i]}' appears twice in the header");
        }
        for (int i = 0; i < columns.Length; i++)
            if (columns[i].Contains('\uFFFD'))
                throw new DataException($"{path}:1: column '{columns[i]}' (field {i + 1}) has bytes that are not valid UTF-8 text; save the file as UTF-8");
    }

    /// <summary>CsvHelper's reason without the record, line and byte offset it also gives ("a quoted field that is never closed").</summary>
    public static string Reason(string message)
    {
        string reason = Regex.Replace(FirstLine(message), @"^Malformed CSV in record \d+ \(line \d+\):\s*", "");
        return Regex.Replace(reason, @"\s*\(byte offset \d+\)\.?$", "");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
