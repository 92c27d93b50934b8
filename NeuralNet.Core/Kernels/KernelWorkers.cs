using System.Diagnostics;

namespace NeuralNet.Core.Kernels;

/// <summary>A unit of parallel work that the caller and the workers share by claiming pieces of it.</summary>
internal abstract class KernelWork
{
    /// <summary>Claims and runs pieces until none are left; <paramref name="parts"/> threads may be calling it.</summary>
    public abstract void Execute(int part, int parts);
}

/// <summary>
/// A tiny fixed pool for the kernels (GEMM and long element-wise passes): one background thread per extra core, started once. The caller works too, so on two
/// cores one worker suffices. Dispatch allocates nothing (no delegates, no tasks).
/// A worker spins briefly after each job before it blocks, because training issues multiplies back to back and
/// waking a blocked thread costs tens of microseconds or more. The caller never waits for a worker that has not
/// started: once the caller has claimed the last piece, it cancels workers still on their way, so a busy machine
/// (a descheduled worker) costs at most the piece a worker is already running.
/// Only one job uses the pool at a time; a concurrent caller just runs single-threaded.
/// </summary>
internal static class KernelWorkers
{
    private const int Idle = 0, Signaled = 1, Running = 2, Cancelled = 3;
    // 1 ms: the serial passes between a step's products (bias, activation, loss) take 0.2–0.5 ms on large layers,
    // and a worker that has gone to sleep in one of them starts the next product tens of microseconds late.
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;
    private static readonly Worker[] Workers = CreateWorkers();
    private static int _busy;
    private static int _parts;
    private static KernelWork? _work;
    private static Exception? _error;

    /// <summary>Threads a job can use: the caller plus the workers.</summary>
    public static int Parallelism => Workers.Length + 1;

    /// <summary>Claims the pool; false if another thread holds it (then run serially).</summary>
    public static bool TryEnter() => Workers.Length > 0 && Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>Releases the pool claimed by <see cref="TryEnter"/>.</summary>
    public static void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>Runs <paramref name="work"/> on the caller and up to parts − 1 workers, and returns when it is done.</summary>
    public static void Run(KernelWork work, int parts)
    {
        _work = work;
        _parts = parts;
        _error = null;
        int helpers = parts - 1;
        for (int i = 0; i < helpers; i++) Workers[i].Signal();
        try
        {
            work.Execute(0, parts);
        }
        finally
        {
            // A worker that has started may hold a piece and pointers the caller has pinned only until it returns:
            // wait for it. One that has not started is cancelled and will not touch this job.
            for (int i = 0; i < helpers; i++) Workers[i].CancelOrAwait();
            _work = null;
        }
        if (_error is { } error) throw new AggregateException("A kernel worker failed.", error);
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
        private int _state;

        public Worker(int part)
        {
            _part = part;
            new Thread(Loop) { IsBackground = true, Name = $"NeuralNet kernel worker {part}" }.Start();
        }

        public void Signal()
        {
            Volatile.Write(ref _state, Signaled);
            Interlocked.Increment(ref _generation);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        public void CancelOrAwait()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Signaled) == Signaled) return;
            while (Volatile.Read(ref _state) == Running) Thread.SpinWait(8);
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                WaitForJob(seen);
                seen = Volatile.Read(ref _generation);
                if (Interlocked.CompareExchange(ref _state, Running, Signaled) != Signaled) continue; // cancelled
                try
                {
                    _work!.Execute(_part, _parts);
                }
                catch (Exception e)
                {
                    _error = e;
                }
                Volatile.Write(ref _state, Idle);
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
