using System.Buffers;
using CsvHelper;

namespace NeuralNet.Core.Data;

/// <summary>
/// Reads the records of a large UTF-8 file on several threads. This thread reads the file in blocks and cuts each
/// block after its last line break that is outside quotes (an even number of quote characters since the block began:
/// RFC 4180 escapes a quote by doubling it, so quoted line breaks are never cut); workers parse the chunks, and the
/// results are kept in file order, so errors and rows come out as a sequential read gives them.
/// </summary>
internal static class ParallelChunks
{
    /// <summary>Reads from byte <paramref name="start"/> (the first data record, on line <paramref name="firstLine"/>) to the end.</summary>
    public static List<ChunkResult> Read(string path, long start, long firstLine, string[] columns, char separator,
        Func<ColumnBuilder?[]> builders, CsvReadOptions options)
    {
        var pending = new List<Task<ChunkResult>>();
        using var gate = new SemaphoreSlim(options.Workers + 1); // chunks in flight, which bounds the memory they hold
        var readerOptions = ChunkParser.Options(header: false, separator);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            file.Position = start;
            byte[] carry = [];
            int carried = 0, size = options.ChunkBytes;
            long line = firstLine;
            bool end = false;
            while (!end && !pending.Any(t => t.IsFaulted))
            {
                gate.Wait();
                var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, carried + size / 2));
                carry.AsSpan(0, carried).CopyTo(buffer);
                int length = carried + file.ReadAtLeast(buffer.AsSpan(carried), buffer.Length - carried, throwOnEndOfStream: false);
                end = length < buffer.Length;
                if (end && length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    gate.Release();
                    break;
                }
                int cut = end ? length : Cut(buffer.AsSpan(0, length));
                if (cut <= 0 && !end)
                {
                    // No line break outside quotes in the whole block (a very long record): read a bigger block.
                    ReturnCarry(carry);
                    carry = buffer; carried = length; size *= 2;
                    gate.Release();
                    continue;
                }
                ReturnCarry(carry);
                carried = length - cut;
                carry = ArrayPool<byte>.Shared.Rent(Math.Max(1, carried));
                buffer.AsSpan(cut, carried).CopyTo(carry);
                long chunkLine = line;
                line += LineBreaks(buffer.AsSpan(0, cut));
                pending.Add(Task.Run(() =>
                {
                    try
                    {
                        using var csv = CsvReader.Create(new ReadOnlyMemory<byte>(buffer, 0, cut), readerOptions);
                        return ChunkParser.Parse(csv, path, columns, builders(), chunkLine - 1);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        gate.Release();
                    }
                }));
            }
            ReturnCarry(carry);
        }
        try
        {
            Task.WaitAll(pending);
        }
        catch (AggregateException)
        {
            // The first failed chunk in file order has the error a sequential read would have met first.
        }
        var failed = pending.FirstOrDefault(t => t.IsFaulted);
        if (failed is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
        return pending.Select(t => t.Result).ToList();
    }

    /// <summary>The length of the block up to and including its last line break outside quotes, or 0 if there is none.</summary>
    internal static int Cut(ReadOnlySpan<byte> block)
    {
        int at = block.LastIndexOf((byte)'\n');
        if (at < 0) return 0;
        int quotes = block[..at].Count((byte)'"');
        while (quotes % 2 != 0)
        {
            int previous = block[..at].LastIndexOf((byte)'\n');
            if (previous < 0) return 0;
            quotes -= block[previous..at].Count((byte)'"');
            at = previous;
        }
        return at + 1;
    }

    /// <summary>Line breaks as CsvHelper counts them: CR, LF and CR LF each once.</summary>
    internal static long LineBreaks(ReadOnlySpan<byte> text)
    {
        long lf = text.Count((byte)'\n');
        if (text.IndexOf((byte)'\r') < 0) return lf;
        long cr = text.Count((byte)'\r'), crlf = 0;
        for (int i = text.IndexOf((byte)'\r'); i >= 0 && i + 1 < text.Length; i = NextCr(text, i + 1))
            if (text[i + 1] == '\n') crlf++;
        return lf + cr - crlf;
    }

    private static int NextCr(ReadOnlySpan<byte> text, int from)
    {
        int i = text[from..].IndexOf((byte)'\r');
        return i < 0 ? -1 : from + i;
    }

    private static void ReturnCarry(byte[] carry)
    {
        if (carry.Length > 0) ArrayPool<byte>.Shared.Return(carry);
    }
}
