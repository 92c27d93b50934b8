using System.Runtime.InteropServices;

namespace NeuralNet.Core;

/// <summary>
/// Work for a core the process leaves idle: a thread of its own at the lowest priority (Linux niceness 19, a per-thread
/// attribute there), so it runs in the gaps of the work that matters (start-up, serial stretches, waits) instead of
/// taking a core from it. Where the priority cannot be lowered, the thread runs at normal priority.
/// </summary>
public static class IdleWork
{
    private const int PriorityProcess = 0, LowestPriority = 19;

    /// <summary>Starts <paramref name="work"/> on its own low-priority thread.</summary>
    public static Task<T> Start<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        // A thread of its own (long-running), not a pool thread: the priority it lowers ends with it.
        return Task.Factory.StartNew(() =>
        {
            Yield();
            return work();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Whether this platform lets a thread lower its own priority (Linux).</summary>
    public static bool LowersPriority => OperatingSystem.IsLinux();

    private static void Yield()
    {
        if (!LowersPriority) return;
        try
        {
            _ = setpriority(PriorityProcess, gettid(), LowestPriority);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // an older C library: normal priority
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int setpriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int gettid();
}
