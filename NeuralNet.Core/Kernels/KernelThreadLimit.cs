namespace NeuralNet.Core.Kernels;

/// <summary>
/// Lowers, for the calling thread only, how many threads its multiplies and passes may split onto, until disposed.
/// Work that runs beside the kernels on a thread of its own (reading ahead while a file is predicted) then has a core
/// to itself instead of competing with a kernel worker. Results do not change: every route gives the same bits.
/// </summary>
internal readonly struct KernelThreadLimit : IDisposable
{
    private readonly int _previous;

    private KernelThreadLimit(int threads)
    {
        _previous = GemmEngine.CallerLimit;
        GemmEngine.CallerLimit = threads;
    }

    /// <summary>At most <paramref name="threads"/> (at least 1) for work this thread starts.</summary>
    public static KernelThreadLimit ForThisThread(int threads) => new(Math.Max(1, threads));

    /// <inheritdoc />
    public void Dispose() => GemmEngine.CallerLimit = _previous;
}
