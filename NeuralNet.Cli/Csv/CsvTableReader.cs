using CsvHelper;

namespace NeuralNet.Cli.Csv;

/// <summary>
/// Reads a CSV file with a header row into a <see cref="CsvTable"/>. The only place that uses CsvHelper.
/// Quoted fields, a byte order mark and CRLF line ends are handled by CsvHelper; the delimiter is detected among
/// <c>, ; tab |</c> unless given. Every problem becomes a one-line <see cref="CliException"/> naming the file and line.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The file, as the user typed it (messages quote it).</param>
    /// <param name="delimiter">The delimiter, or null to detect it.</param>
    /// <exception cref="CliException">If the file is missing, empty, header-only, ragged or badly quoted.</exception>
    public static CsvTable Read(string path, char? delimiter = null)
    {
        if (Directory.Exists(path)) throw CliException.BadData($"{path}: is a folder, expected a CSV file");
        if (!File.Exists(path)) throw CliException.BadData($"{path}: file not found");
        if (new FileInfo(path).Length == 0) throw CliException.BadData($"{path}: the file is empty; expected a header row and data rows");

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
            var rows = new List<string[]>();
            var lines = new List<long>();
            while (csv.Read())
            {
                if (csv.FieldCount != columns.Length)
                    throw CliException.BadData(
                        $"{path}:{csv.LineNumber}: expected {columns.Length} fields as in the header, found {csv.FieldCount} (a ragged row)");
                var fields = new string[columns.Length];
                for (int i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
                rows.Add(fields);
                lines.Add(csv.LineNumber);
            }
            if (rows.Count == 0) throw CliException.BadData($"{path}: the file has a header row but no data rows");
            return new CsvTable(path, columns, rows, lines, csv.Separator);
        }
        catch (CsvFormatException e)
        {
            throw CliException.BadData($"{path}:{e.LineNumber}: malformed CSV: {Reason(e.Message)}");
        }
        catch (IOException e)
        {
            throw CliException.BadData($"{path}: cannot read the file ({FirstLine(e.Message)})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw CliException.BadData($"{path}: cannot read the file ({FirstLine(e.Message)})");
        }
    }

    private static void CheckHeader(string path, string[] columns)
    {
        if (columns.Length == 0 || columns.All(c => c.Length == 0))
            throw CliException.BadData($"{path}: the file is empty; expected a header row and data rows");
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0)
                throw CliException.BadData($"{path}:1: column {i + 1} of the header has no name; a header row is required");
            int first = Array.IndexOf(columns, columns[i]);
            if (first != i)
                throw CliException.BadData($"{path}:1: column name '{columns[i]}' appears twice in the header");
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
