namespace NeuralNet.Core.Data;

/// <summary>
/// Refuses, before reading, a file whose typed columns will not fit in memory. The need is estimated from the file's
/// size and its first rows: rows ≈ size ÷ bytes per line of the first 64 KiB, each row taking 4 bytes per column
/// (float32 or a category code; 8 with float64) plus 8 for its line number, with a quarter more for an estimate that
/// falls short (the columns then grow by a quarter), plus the chunks in flight (their bytes and their parsed columns).
/// </summary>
internal static class MemoryEstimate
{
    /// <summary>The bytes needed to read a file of <paramref name="length"/> bytes with <paramref name="columns"/> columns.</summary>
    public static long Need(long length, ReadOnlySpan<byte> head, int columns, CsvReadOptions options)
    {
        double rows = length / BytesPerLine(head);
        double perRow = columns * (options.Double ? 8 : 4) + 8;
        return (long)(rows * perRow * 1.25) + 2L * (options.Workers + 2) * options.ChunkBytes;
    }

    /// <summary>The average length of the lines in <paramref name="head"/> (the first bytes of a file), at least 1.</summary>
    public static double BytesPerLine(ReadOnlySpan<byte> head) => Math.Max(1.0, head.Length / (double)Math.Max(1, head.Count((byte)'\n')));

    /// <exception cref="DataException">If the need is more than the memory available.</exception>
    public static void Check(string path, long length, ReadOnlySpan<byte> head, int columns, CsvReadOptions options)
    {
        long need = Need(length, head, columns, options);
        long available = options.AvailableMemory ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (need > available)
            throw new DataException(
                $"{path}: reading this {Megabytes(length)} file needs about {Megabytes(need)} of memory ({columns} columns), " +
                $"more than the {Megabytes(available)} available; use a machine with more memory or a smaller file");
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
