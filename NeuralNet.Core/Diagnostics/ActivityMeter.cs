using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// Measures every hidden unit's activity over a whole dataset with the current weights: one forward pass in
/// chunks, counting rows with z &gt; 0 as the layers compute z, and summing |h| per unit from each chunk's outputs (for
/// the τ-dormant score). Counters and chunk buffers are reused across calls.
/// </summary>
public sealed class ActivityMeter<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Mlp<T> _network;
    private readonly int[][] _counts;
    private readonly double[][] _absSums;
    private readonly double[] _inputSquares;
    private readonly BatchSource<T> _chunks;

    /// <summary>Creates a meter for <paramref name="network"/>, reading data in chunks of <paramref name="chunkRows"/> rows.</summary>
    public ActivityMeter(Mlp<T> network, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _counts = network.HiddenLayers.Select(l => new int[l.Units]).ToArray();
        _absSums = network.HiddenLayers.Select(l => new double[l.Units]).ToArray();
        _inputSquares = new double[_counts.Length];
        _chunks = new BatchSource<T>(chunkRows);
    }

    /// <summary>One forward pass over <paramref name="features"/>; returns each hidden layer's activity.</summary>
    public IReadOnlyList<LayerActivity> Measure(Matrix<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var c in _counts) Array.Clear(c);
        foreach (var s in _absSums) Array.Clear(s);
        Array.Clear(_inputSquares);
        foreach (var (x, _) in _chunks.Sequential(features, null))
        {
            _network.Forward(x, _counts);
            for (int l = 0; l < _absSums.Length; l++)
            {
                AddAbsolute(_network.Layers[l].LastOutput, _absSums[l]);
                _inputSquares[l] += SumOfSquares(l == 0 ? x : _network.Layers[l - 1].LastOutput);
            }
        }
        var result = new LayerActivity[_counts.Length];
        for (int l = 0; l < _counts.Length; l++)
        {
            var act = _network.Layers[l].Activation;
            var blocks = new bool[act.Units];
            for (int u = 0; u < blocks.Length; u++) blocks[u] = act.BlocksGradientWhenNegative(u);
            var meanAbs = new double[_absSums[l].Length];
            for (int u = 0; u < meanAbs.Length; u++) meanAbs[u] = features.RowCount == 0 ? 0 : _absSums[l][u] / features.RowCount;
            // Measured every epoch: a plain copy, not Array.Clone (which showed up in profiles of tiny networks).
            result[l] = new LayerActivity(l, act.Name, act.IsRectifier, features.RowCount, _counts[l].AsSpan().ToArray(), blocks) {
                MeanAbsOutput = meanAbs,
                InputRms = features.RowCount == 0 ? 0 : Math.Sqrt(_inputSquares[l] / features.RowCount),
            };
        }
        return result;
    }

    private static double SumOfSquares(Matrix<T> m)
    {
        var values = m.AsColumnMajorArray() ?? m.ToColumnMajorArray();
        double s = 0;
        foreach (T v in values) s += double.CreateChecked(v * v);
        return s;
    }

    /// <summary>Adds Σ_rows |h[row, unit]| to <paramref name="sums"/> (dense column-major storage: one unit per column).</summary>
    private static void AddAbsolute(Matrix<T> h, double[] sums)
    {
        var values = h.AsColumnMajorArray() ?? h.ToColumnMajorArray();
        int rows = h.RowCount;
        for (int u = 0; u < sums.Length; u++)
        {
            double s = 0;
            for (int r = u * rows, end = r + rows; r < end; r++) s += double.CreateChecked(T.Abs(values[r]));
            sums[u] += s;
        }
    }
}
