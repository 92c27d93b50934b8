using System.Text;

namespace NeuralNet.Core.Data;

/// <summary>Writes rows of text as RFC 4180 CSV (fields quoted only when they contain the delimiter, a quote or a line break).</summary>
public static class CsvTableWriter
{
    /// <summary>Writes a header (none when null, to append rows) and rows to <paramref name="writer"/>, with "\n" line ends.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string>? header, IEnumerable<IReadOnlyList<string>> rows, char delimiter = ',')
    {
        if (header is not null) WriteRow(writer, header, delimiter);
        foreach (var row in rows) WriteRow(writer, row, delimiter);
    }

    /// <summary>
    /// Writes one row whose first fields are already CSV text (<paramref name="start"/>, such as a line of the input
    /// file), followed by <paramref name="more"/> fields, quoted as needed, and "\n".
    /// </summary>
    public static void WriteRow(TextWriter writer, ReadOnlySpan<char> start, IEnumerable<string> more, char delimiter)
    {
        writer.Write(start);
        foreach (var field in more)
        {
            writer.Write(delimiter);
            writer.Write(Quote(field, delimiter));
        }
        writer.Write('\n');
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> fields, char delimiter)
    {
        var line = new StringBuilder();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) line.Append(delimiter);
            line.Append(Quote(fields[i], delimiter));
        }
        writer.Write(line.Append('\n'));
    }

    private static string Quote(string field, char delimiter)
        => field.IndexOfAny([delimiter, '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
