using System.Buffers;
using System.Collections.Concurrent;
using CsvHelper;

namespace NeuralNet.Core.Data;

/// <summary>
/// Reads the records of a large UTF-8 file on several threads. This thread reads the file in blocks and cuts each
/// block after its last line break that is outside quotes (an even number of quote characters since the block began:
/// RFC 4180 escapes a quote by doubling it, so quoted line breaks are never cut); workers parse the chunks, and each
/// parsed chunk is added to the columns (<see cref="ColumnAssembler"/>) in file order, so errors and rows come out as a
/// sequential read gives them, and a chunk's memory is given back as soon as it is joined.
/// </summary>
internal static class ParallelChunks
{
    /// <summary>
    /// Reads from byte <paramref name="start"/> (the first data record, on line <paramref name="firstLine"/>) to the end
    /// into <paramref name="assembler"/>. <paramref name="builders"/> makes the column builders for a chunk of about so
    /// many rows, given whether its bytes hold a NUL (else no cell needs looking at for one); <paramref name="bytesPerLine"/>
    /// is the average line length of the file's first bytes, for those row counts.
    /// </summary>
    public static void Read(string path, long start, long firstLine, string[] columns, char separator,
        Func<int, bool, ColumnBuilder?[]> builders, ColumnAssembler assembler, double bytesPerLine, CsvReadOptions options)
    {
        var pending = new List<Task>();
        using var gate = new SemaphoreSlim(options.Workers + 1); // chunks in flight or waiting to be joined, which bounds the memory they hold
        var order = new JoinInOrder(assembler, gate);
        var readerOptions = ChunkParser.Options(header: false, separator);
        using var queue = new BlockingCollection<Action>();
        var workers = StartWorkers(queue, options.Workers);
        try
        {
            ReadChunks();
        }
        finally
        {
            queue.CompleteAdding(); // the workers finish the chunks queued, then stop
            foreach (var worker in workers) worker.Join();
        }

        void ReadChunks()
        {
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
                    int index = pending.Count;
                    int rows = (int)Math.Min(int.MaxValue / 2, cut / bytesPerLine * 1.1 + 64);
                    pending.Add(Queue(queue, () =>
                    {
                        ChunkResult? chunk = null;
                        try
                        {
                            bool nul = buffer.AsSpan(0, cut).Contains((byte)0);
                            using var csv = CsvReader.Create(new ReadOnlyMemory<byte>(buffer, 0, cut), readerOptions);
                            chunk = ChunkParser.Parse(csv, path, columns, builders(rows, nul), chunkLine - 1, rows);
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            order.Done(index, chunk);
                        }
                    }));
                    if (pending.Count == options.Workers) assembler.Reserve(); // while the first chunks are parsed
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
        }
    }

    /// <summary>
    /// Threads of their own for the chunks, not the thread pool's: the pool starts with one thread per core and adds
    /// more only slowly, so work queued beside the read (hashing the same file, say) would leave a core without a chunk.
    /// </summary>
    private static Thread[] StartWorkers(BlockingCollection<Action> queue, int count)
    {
        var workers = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            workers[i] = new Thread(() =>
            {
                foreach (var chunk in queue.GetConsumingEnumerable()) chunk();
            }) { IsBackground = true, Name = "CSV chunk parser" };
            workers[i].Start();
        }
        return workers;
    }

    /// <summary>Queues <paramref name="chunk"/> for a worker; the task ends when it has run, with its exception if it threw.</summary>
    private static Task Queue(BlockingCollection<Action> queue, Action chunk)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(() =>
        {
            try
            {
                chunk();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>
    /// Joins parsed chunks to the columns in file order, whichever worker finishes them: a chunk that finishes early
    /// waits (parsed) for those before it. Each joined chunk frees its place at the gate; after a failure, chunks are
    /// dropped as they finish, so the reading thread is never left waiting for a place.
    /// </summary>
    private sealed class JoinInOrder(ColumnAssembler assembler, SemaphoreSlim gate)
    {
        private readonly Dictionary<int, ChunkResult> _waiting = [];
        private int _next;
        private bool _failed;

        /// <summary>Chunk <paramref name="index"/> is parsed (<paramref name="chunk"/>), or failed (null).</summary>
        public void Done(int index, ChunkResult? chunk)
        {
            lock (_waiting)
            {
                if (chunk is null || _failed)
                {
                    _failed = true;
                    gate.Release(1 + _waiting.Count);
                    _waiting.Clear();
                    return;
                }
                _waiting[index] = chunk;
                try
                {
                    while (_waiting.Remove(_next, out var ready))
                    {
                        assembler.Add(ready);
                        _next++;
                        gate.Release();
                    }
                }
                catch
                {
                    // Out of memory, say: the reading thread must not wait for places never freed (the chunk being
                    // joined, those waiting, this one; one too many is harmless, the reader stops at the fault).
                    _failed = true;
                    gate.Release(2 + _waiting.Count);
                    _waiting.Clear();
                    throw;
                }
            }
        }
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
