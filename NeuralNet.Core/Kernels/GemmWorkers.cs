using System.Diagnostics;

namespace NeuralNet.Core.Kernels;

/// <summary>A unit of parallel work: part <c>part</c> of <c>parts</c> equal shares.</summary>
internal abstract class GemmWork
{
    public abstract void Execute(int part, int parts);
}

/// <summary>
/// A tiny fixed pool for GEMM: one background thread per extra core, started once. The caller runs share 0 itself,
/// so on two cores one worker thread suffices. Dispatch allocates nothing (no delegates, no tasks).
/// A worker spins briefly after each job before it blocks, because training issues multiplies back to back and
/// waking a blocked thread costs tens of microseconds; the spin is bounded so an idle process does not burn a core.
/// Only one multiply uses the pool at a time; a concurrent caller just runs single-threaded.
/// </summary>
internal static class GemmWorkers
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms
    private static readonly Worker[] Workers = CreateWorkers();
    private static int _busy;
    private static int _pending;
    private static int _parts;
    private static GemmWork? _work;
    private static Exception? _error;

    /// <summary>Threads a multiply can use: the caller plus the workers.</summary>
    public static int Parallelism => Workers.Length + 1;

    /// <summary>Claims the pool; false if another thread holds it (then run serially).</summary>
    public static bool TryEnter() => Workers.Length > 0 && Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>Releases the pool claimed by <see cref="TryEnter"/>.</summary>
    public static void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>Runs <paramref name="work"/> in <paramref name="parts"/> shares (2 ≤ parts ≤ Parallelism) and waits for all.</summary>
    public static void Run(GemmWork work, int parts)
    {
        _work = work;
        _parts = parts;
        _error = null;
        int helpers = parts - 1;
        Volatile.Write(ref _pending, helpers);
        for (int i = 0; i < helpers; i++) Workers[i].Signal();
        try
        {
            work.Execute(0, parts);
        }
        finally
        {
            // Even if share 0 failed, wait: the workers hold pointers into arrays the caller has pinned only until it returns.
            var spinner = new SpinWait();
            while (Volatile.Read(ref _pending) != 0) spinner.SpinOnce(sleep1Threshold: -1);
            _work = null;
        }
        if (_error is { } error) throw new AggregateException("A GEMM worker failed.", error);
    }

    private static Worker[] CreateWorkers()
    {
        int count = Math.Max(0, Environment.ProcessorCount - 1);
        var workers = new Worker[count];
        for (int i = 0; i < count; i++) workers[i] = new Worker(i + 1);
        return workers;
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private readonly int _part;
        private long _generation;
        private int _sleeping;

        public Worker(int part)
        {
            _part = part;
            new Thread(Loop) { IsBackground = true, Name = $"NeuralNet GEMM worker {part}" }.Start();
        }

        public void Signal()
        {
            Interlocked.Increment(ref _generation);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                WaitForJob(seen);
                seen = Volatile.Read(ref _generation);
                try
                {
                    if (_part < _parts) _work!.Execute(_part, _parts);
                }
                catch (Exception e)
                {
                    _error = e;
                }
                Interlocked.Decrement(ref _pending);
            }
        }

        private void WaitForJob(long seen)
        {
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(16);
                    continue;
                }
                // Announce the sleep, then re-check: Signal either sees the flag and releases, or we see its job.
                Interlocked.Exchange(ref _sleeping, 1);
                if (Volatile.Read(ref _generation) == seen || Interlocked.Exchange(ref _sleeping, 0) == 0)
                    _wake.Wait();
                deadline = Stopwatch.GetTimestamp() + SpinTicks;
            }
        }
    }
}
