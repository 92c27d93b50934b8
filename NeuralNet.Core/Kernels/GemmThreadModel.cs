using System.Diagnostics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Decides per product shape whether splitting it across the kernel pool pays, from the measured time of that shape
/// on one thread and on all, instead of a fixed FLOP threshold: where the line falls depends on the CPU, on how
/// busy the other core is, and on the shape (a 128 × 128 × 256 product splits well along N, a 784 × 10 × 128 one
/// does not). A layer issues the same few shapes every step, so each shape's costs are learnt in its first calls.
/// </summary>
/// <remarks>
/// Each shape first runs <see cref="TrialsPerRoute"/> times on each route, alternately; the route with the lower
/// best time wins (the best time, because a busy machine only ever adds time). The losing route is tried again
/// after <see cref="FirstRecheck"/> calls, against the winner's recent best time, then after twice as many calls
/// each time it loses again (up to <see cref="LastRecheck"/>), so a route that starts paying later (the other core falls idle) is found without
/// spending a measurable share of the time on the slower route. Results do not depend on the choice: both
/// routes sum every element in the same order.
/// The table has a fixed size, allocated once, so a decision allocates nothing; shapes beyond it fall back to the
/// size rule. All members are thread-safe.
/// </remarks>
internal sealed class GemmThreadModel
{
    /// <summary>Calls on each route before the first decision.</summary>
    public const int TrialsPerRoute = 3;

    /// <summary>Calls after a decision before the losing route is tried again.</summary>
    public const int FirstRecheck = 16;

    /// <summary>Longest wait, in calls, before the losing route is tried again.</summary>
    public const int LastRecheck = 4096;

    private const int Capacity = 64;

    private readonly Entry[] _entries = new Entry[Capacity];
    private readonly Lock _lock = new();
    private int _count;

    /// <summary>The model the engine uses.</summary>
    public static GemmThreadModel Shared { get; } = new();

    /// <summary>
    /// Whether the next call of this shape should run threaded, and a token to pass to <see cref="Record"/> with its
    /// duration. A token of −1 means the shape is not tracked (the table is full): nothing to record.
    /// </summary>
    public bool Decide(in GemmShape key, bool fallback, out int token)
    {
        lock (_lock)
        {
            token = Find(key);
            if (token < 0) return fallback;
            ref Entry e = ref _entries[token];
            if (e.SerialTrials < TrialsPerRoute || e.ParallelTrials < TrialsPerRoute)
                return e.ParallelTrials < e.SerialTrials; // alternate, serial first
            if (--e.UntilRecheck <= 0)
                return !e.Parallel; // one call on the losing route
            return e.Parallel;
        }
    }

    /// <summary>Records that the call a <see cref="Decide"/> token stands for ran threaded or not and took <paramref name="ticks"/>.</summary>
    public void Record(int token, bool parallel, long ticks)
    {
        if (token < 0) return;
        lock (_lock)
        {
            ref Entry e = ref _entries[token];
            bool deciding = e.SerialTrials < TrialsPerRoute || e.ParallelTrials < TrialsPerRoute;
            if (deciding)
            {
                if (parallel) (e.ParallelTrials, e.ParallelBest) = (e.ParallelTrials + 1, Math.Min(e.ParallelBest, ticks));
                else (e.SerialTrials, e.SerialBest) = (e.SerialTrials + 1, Math.Min(e.SerialBest, ticks));
                if (e.SerialTrials < TrialsPerRoute || e.ParallelTrials < TrialsPerRoute) return;
                (e.Parallel, e.Interval, e.UntilRecheck) = (e.ParallelBest < e.SerialBest, FirstRecheck, FirstRecheck);
                return;
            }
            ref long own = ref parallel ? ref e.ParallelBest : ref e.SerialBest;
            if (parallel == e.Parallel)
            {
                // The winner's time is its recent best: it drifts up by 1/32 a call unless a faster call resets it,
                // so that it follows the machine (a core taken by another process) instead of one lucky call.
                own = Math.Min(ticks, own + Math.Max(1, own / 32));
                return;
            }
            // A recheck of the losing route: one call against the winner's recent best.
            own = ticks;
            bool parallelWins = e.ParallelBest < e.SerialBest;
            if (parallelWins == e.Parallel) e.Interval = Math.Min(LastRecheck, e.Interval * 2);
            else (e.Parallel, e.Interval) = (parallelWins, FirstRecheck);
            e.UntilRecheck = e.Interval;
        }
    }

    /// <summary>The route a shape has settled on, or null while it is still being measured or not tracked (for tests).</summary>
    public bool? Settled(in GemmShape key)
    {
        lock (_lock)
        {
            for (int i = 0; i < _count; i++)
                if (_entries[i].Key == key)
                    return _entries[i].SerialTrials >= TrialsPerRoute && _entries[i].ParallelTrials >= TrialsPerRoute ? _entries[i].Parallel : null;
            return null;
        }
    }

    /// <summary>Forgets every shape (for tests).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_entries);
            _count = 0;
        }
    }

    /// <summary>Timestamp for <see cref="Record"/> (Stopwatch ticks).</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    private int Find(in GemmShape key)
    {
        for (int i = 0; i < _count; i++)
            if (_entries[i].Key == key) return i;
        if (_count == Capacity) return -1;
        _entries[_count] = new Entry { Key = key, SerialBest = long.MaxValue, ParallelBest = long.MaxValue };
        return _count++;
    }

    private struct Entry
    {
        public GemmShape Key;
        public int SerialTrials, ParallelTrials;
        public long SerialBest, ParallelBest;
        public bool Parallel;
        public int Interval, UntilRecheck;
    }
}

/// <summary>
/// What a product's cost depends on: its sizes, transposes, element size and the threads it may use; for a pair run
/// side by side (<see cref="GemmPair"/>), the first product's shape and the second's multiply-adds.
/// </summary>
internal readonly record struct GemmShape(int M, int N, int K, bool TransA, bool TransB, int ElementSize, int Parts, long PairedWork = 0);
