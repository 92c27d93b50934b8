using NeuralNet.Core.Models;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Workflows;

/// <summary>PReLU's learned slopes of every hidden layer at the end of one epoch (0 = initialization).</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="Layers">Per hidden PReLU layer, its α values (one, or one per unit).</param>
public sealed record AlphaSnapshot(int Epoch, IReadOnlyList<double[]> Layers);

/// <summary>
/// Records how PReLU's α moves during training, read from the network after each epoch (the trainer reports
/// epochs with the end-of-epoch weights in place), for <c>train --plot</c>.
/// </summary>
public sealed class AlphaTrace
{
    private readonly Network _network;
    private readonly List<AlphaSnapshot> _snapshots = new();

    /// <summary>Creates a trace of <paramref name="network"/>'s α parameters.</summary>
    public AlphaTrace(Network network) => _network = network;

    /// <summary>The snapshots so far, in epoch order.</summary>
    public IReadOnlyList<AlphaSnapshot> Snapshots => _snapshots;

    /// <summary>Whether the network has any learned α.</summary>
    public bool HasAlpha => _network.ParameterNames.Any(IsAlpha);

    /// <summary>Records the current α values as those of <paramref name="epoch"/>.</summary>
    public void Record(int epoch)
    {
        var names = _network.ParameterNames;
        var values = _network.ParameterValues();
        _snapshots.Add(new AlphaSnapshot(epoch, names.Select((n, i) => (n, i)).Where(p => IsAlpha(p.n)).Select(p => values[p.i]).ToList()));
    }

    private static bool IsAlpha(string name) => name.EndsWith(".alpha", StringComparison.Ordinal);
}
