using System.Numerics;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Layers;

namespace NeuralNet.Core.Training;

/// <summary>
/// A pass over the chunks of a dataset (a measurement, a validation) on two threads when there are two cores to give
/// and enough chunks: the first half on the calling thread with the network, the second on another thread with a twin
/// over the same parameters (<see cref="Mlp{T}.ShareParameters"/>), each thread's products on its own core. Small
/// networks' passes are otherwise one thread's work while the other core waits. A chunk's outputs are the same bits on
/// any thread; callers keep what depends on the order of the chunks (double sums) per chunk of the second half and
/// add it after the first half's, in chunk order, so results do not depend on the number of threads.
/// </summary>
internal sealed class PassHalves<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Fewer chunks stay on one thread: starting the second costs more than its half saves.</summary>
    internal const int MinimumChunks = 16;

    private readonly Mlp<T> _network;
    private Mlp<T>? _twin;

    public PassHalves(Mlp<T> network) => _network = network;

    /// <summary>The first chunk of the second half: <paramref name="chunks"/> (no second half) when the pass stays on this thread.</summary>
    public static int Split(int chunks) => chunks >= MinimumChunks && GemmEngine.ThreadsForCaller >= 2 ? chunks / 2 : chunks;

    /// <summary>
    /// Runs <paramref name="first"/> over chunks [0, <paramref name="split"/>) here and <paramref name="second"/> over
    /// [<paramref name="split"/>, <paramref name="chunks"/>) on another thread, each given the network to run.
    /// </summary>
    public void Run(int split, int chunks, Action<Mlp<T>, int, int> first, Action<Mlp<T>, int, int> second)
    {
        if (split >= chunks)
        {
            first(_network, 0, chunks);
            return;
        }
        var twin = _twin ??= _network.ShareParameters();
        var other = Task.Run(() =>
        {
            using var limit = KernelThreadLimit.ForThisThread(1);
            second(twin, split, chunks);
        });
        try
        {
            using var limit = KernelThreadLimit.ForThisThread(1);
            first(_network, 0, split);
        }
        finally
        {
            other.GetAwaiter().GetResult(); // the twin's thread is done before the caller moves on (or its error is raised)
        }
    }
}
