namespace NeuralNet.Core.Data;

/// <summary>
/// Reads a CSV file for a command or <see cref="Models.Model"/> with <see cref="TypedCsvReader"/> (typed columns, all
/// cores for large files, refused only when it will not fit in memory), with the options as the command line gives them.
/// </summary>
public static class CsvTableReader
{
    /// <summary>No size limit unless --max-file-size sets one: the reader estimates the memory a file needs instead.</summary>
    public const long DefaultMaxBytes = long.MaxValue;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The file, as the user typed it (messages quote it).</param>
    /// <param name="delimiter">The delimiter, or null to detect it.</param>
    /// <param name="maxBytes">Files larger than this are refused before reading (--max-file-size).</param>
    /// <param name="culture">--culture, or null for invariant.</param>
    /// <param name="wide">Keep numbers as float64 (--precision double).</param>
    /// <param name="textColumns">Columns to read as text whatever they hold (a model's categorical features).</param>
    /// <exception cref="DataException">If the file cannot be read as CSV data.</exception>
    public static DataTable Read(string path, char? delimiter = null, long maxBytes = DefaultMaxBytes, string? culture = null, bool wide = false,
        IReadOnlySet<string>? textColumns = null)
        => TypedCsvReader.Read(path, Options(path, delimiter, maxBytes, culture, wide, textColumns));

    /// <summary>
    /// Reads <paramref name="path"/> as a sequence of small tables (<see cref="CsvChunks"/>), for commands whose memory must
    /// not grow with the file; the parameters are those of <see cref="Read"/>, and <c>chunkBytes</c> the bytes per chunk
    /// (null for <see cref="StreamChunkBytes"/>).
    /// </summary>
    /// <exception cref="DataException">If the file cannot be read as CSV data (when the chunk with the problem is read).</exception>
    public static IEnumerable<DataTable> ReadChunks(string path, char? delimiter = null, long maxBytes = DefaultMaxBytes, string? culture = null,
        IReadOnlySet<string>? textColumns = null, int? chunkBytes = null)
    {
        var options = Options(path, delimiter, maxBytes, culture, false, textColumns);
        return CsvChunks.Read(path, options with { ChunkBytes = chunkBytes ?? StreamChunkBytes });
    }

    /// <summary>
    /// Bytes per chunk when streaming: 1 MiB (a few thousand rows) keeps each chunk's arrays few and small, so the
    /// garbage between collections stays well under the 200 MB a streaming command may use.
    /// </summary>
    public const int StreamChunkBytes = 1 << 20;

    /// <summary>The reader options for the command-line settings; refuses a file over --max-file-size.</summary>
    private static CsvReadOptions Options(string path, char? delimiter, long maxBytes, string? culture, bool wide, IReadOnlySet<string>? textColumns)
    {
        if (File.Exists(path) && new FileInfo(path).Length is var length && length > maxBytes)
            throw new DataException($"{path}: the file is {Megabytes(length)}, more than the limit of {Megabytes(maxBytes)} set by --max-file-size");
        return new CsvReadOptions
        {
            Delimiter = delimiter, Parser = new CellParser(ValueParser.ForCulture(culture).Culture), Double = wide, TextColumns = textColumns,
        };
    }

    private static string Megabytes(long bytes) => bytes < 1 << 20 ? $"{bytes} bytes" : $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
