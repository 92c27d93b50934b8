using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace NeuralNet.Core.Data;

/// <summary>
/// Runs a sequence one step ahead of its reader, on a thread of its own: while the caller works on item k (predicts and
/// writes it), items k + 1 … k + capacity are being produced (read, parsed and encoded). Items come out in order, and
/// an exception comes out where the sequence threw it, after the items before it, as a plain loop would give it.
/// </summary>
internal static class ReadAhead
{
    /// <summary>The items of <paramref name="source"/>, produced ahead on another thread, at most <paramref name="capacity"/> waiting.</summary>
    public static IEnumerable<T> Run<T>(IEnumerable<T> source, int capacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        using var queue = new BlockingCollection<(T? Value, ExceptionDispatchInfo? Error)>(capacity);
        using var stop = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(() => Produce(source, queue, stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var (value, error) in queue.GetConsumingEnumerable())
            {
                error?.Throw();
                yield return value!;
            }
        }
        finally
        {
            // The reader stopped (finished, failed or gave up early): the producer stops at its next item.
            stop.Cancel();
            producer.Wait();
        }
    }

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<(T? Value, ExceptionDispatchInfo? Error)> queue, CancellationToken stop)
    {
        try
        {
            foreach (var item in source) queue.Add((item, null), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // nobody reads any more
        }
        catch (Exception e)
        {
            try { queue.Add((default, ExceptionDispatchInfo.Capture(e)), stop); }
            catch (OperationCanceledException) { }
        }
        finally
        {
            queue.CompleteAdding();
        }
    }
}
