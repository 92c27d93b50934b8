using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// Measures every hidden unit's activity over a whole dataset with the current weights: one forward pass in
/// chunks, counting rows with z &gt; 0 as the layers compute z. Counters and chunk buffers are reused across calls.
/// </summary>
public sealed class ActivityMeter<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Mlp<T> _network;
    private readonly int[][] _counts;
    private readonly BatchSource<T> _chunks;

    /// <summary>Creates a meter for <paramref name="network"/>, reading data in chunks of <paramref name="chunkRows"/> rows.</summary>
    public ActivityMeter(Mlp<T> network, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _counts = network.HiddenLayers.Select(l => new int[l.Units]).ToArray();
        _chunks = new BatchSource<T>(chunkRows);
    }

    /// <summary>One forward pass over <paramref name="features"/>; returns each hidden layer's activity.</summary>
    public IReadOnlyList<LayerActivity> Measure(Matrix<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var c in _counts) Array.Clear(c);
        foreach (var (x, _) in _chunks.Sequential(features, null))
            _network.Forward(x, _counts);
        var result = new LayerActivity[_counts.Length];
        for (int l = 0; l < _counts.Length; l++)
        {
            var act = _network.Layers[l].Activation;
            var blocks = new bool[act.Units];
            for (int u = 0; u < blocks.Length; u++) blocks[u] = act.BlocksGradientWhenNegative(u);
            result[l] = new LayerActivity(l, act.Name, act.IsRectifier, features.RowCount, (int[])_counts[l].Clone(), blocks);
        }
        return result;
    }
}
