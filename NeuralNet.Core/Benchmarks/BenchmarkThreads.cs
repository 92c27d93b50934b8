using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// A benchmark's thread setting for its duration: <see cref="Gemm.MaxThreads"/> set to the threads asked for (every
/// core by default) and given back its previous value on <see cref="Dispose"/>.
/// </summary>
internal readonly struct BenchmarkThreads : IDisposable
{
    private readonly int _previous;

    private BenchmarkThreads(int? threads)
    {
        _previous = Gemm.MaxThreads;
        Gemm.MaxThreads = threads ?? Environment.ProcessorCount;
    }

    /// <summary>Sets the threads products may use until the returned value is disposed.</summary>
    public static BenchmarkThreads Use(int? threads) => new(threads);

    public void Dispose() => Gemm.MaxThreads = _previous;
}
