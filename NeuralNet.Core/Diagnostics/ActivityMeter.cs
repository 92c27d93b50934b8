using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly BatchSource<T> _chunks, _secondChunks;
    private readonly PassHalves<T> _halves;

    /// <summary>Creates a meter for <paramref name="network"/>, reading data in chunks of <paramref name="chunkRows"/> rows.</summary>
    public ActivityMeter(Mlp<T> network, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _counts = network.HiddenLayers.Select(l => new int[l.Units]).ToArray();
        _absSums = network.HiddenLayers.Select(l => new double[l.Units]).ToArray();
        _inputSquares = new double[_counts.Length];
        _chunks = new BatchSource<T>(chunkRows);
        _secondChunks = new BatchSource<T>(chunkRows);
        _halves = new PassHalves<T>(network);
    }

    /// <summary>One forward pass over <paramref name="features"/>; returns each hidden layer's activity.</summary>
    public IReadOnlyList<LayerActivity> Measure(Matrix<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Measure(features, null, null);
    }

    /// <summary>
    /// The same pass over <paramref name="data"/>, which also scores its outputs against the targets: the activity,
    /// and the mean loss and metric (the bits of an <see cref="Evaluator{T}"/> over the same chunks).
    /// </summary>
    internal (IReadOnlyList<LayerActivity> Activity, (double Loss, double Metric) Score) MeasureAndScore(Dataset<T> data, PassScore<T> score)
    {
        var activity = Measure(data.Features, data.Targets, score);
        return (activity, score.End(data.Rows));
    }

    private IReadOnlyList<LayerActivity> Measure(Matrix<T> features, Matrix<T>? targets, PassScore<T>? score)
    {
        foreach (var c in _counts) Array.Clear(c);
        foreach (var s in _absSums) Array.Clear(s);
        Array.Clear(_inputSquares);
        int chunks = _chunks.BatchCount(features.RowCount), split = PassHalves<T>.Split(chunks);
        // The second half's sums per chunk, added after the first half's in chunk order: the bits of one thread's pass.
        var later = new (double[][] Abs, double[] Squares)[chunks - split];
        var laterCounts = _counts.Select(c => new int[c.Length]).ToArray();
        score?.Begin(split, chunks);
        _halves.Run(split, chunks,
            (network, first, end) => Pass(network, _chunks, features, targets, score, first, end, _counts, c => (_absSums, _inputSquares)),
            (network, first, end) => Pass(network, _secondChunks, features, targets, score, first, end, laterCounts,
                c => later[c - split] = (_absSums.Select(a => new double[a.Length]).ToArray(), new double[_inputSquares.Length])));
        foreach (var (abs, squares) in later)
            for (int l = 0; l < _absSums.Length; l++)
            {
                for (int u = 0; u < abs[l].Length; u++) _absSums[l][u] += abs[l][u];
                _inputSquares[l] += squares[l];
            }
        for (int l = 0; l < _counts.Length; l++)
            for (int u = 0; u < _counts[l].Length; u++) _counts[l][u] += laterCounts[l][u];
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

    /// <summary>
    /// Chunks [first, end) through <paramref name="network"/>: positive rows into <paramref name="counts"/>, sums into
    /// the arrays <paramref name="sumsOf"/> gives for each chunk, and the outputs into <paramref name="score"/> when given.
    /// </summary>
    private static void Pass(Mlp<T> network, BatchSource<T> chunks, Matrix<T> features, Matrix<T>? targets, PassScore<T>? score,
        int first, int end, int[][] counts, Func<int, (double[][] Abs, double[] Squares)> sumsOf)
    {
        int c = first;
        foreach (var (x, y) in chunks.Sequential(features, targets, first, end))
        {
            var output = network.Forward(x, counts);
            score?.Add(c, output, y!);
            var (abs, squares) = sumsOf(c++);
            for (int l = 0; l < abs.Length; l++)
            {
                AddAbsolute(network.Layers[l].LastOutput, abs[l]);
                squares[l] += SumOfSquares(l == 0 ? x : network.Layers[l - 1].LastOutput);
            }
        }
    }

    private static double SumOfSquares(Matrix<T> m)
    {
        var values = m.AsColumnMajorArray() ?? m.ToColumnMajorArray();
        return DoubleSum(values, square: true);
    }

    /// <summary>Adds Σ_rows |h[row, unit]| to <paramref name="sums"/> (dense column-major storage: one unit per column).</summary>
    private static void AddAbsolute(Matrix<T> h, double[] sums)
    {
        var values = h.AsColumnMajorArray() ?? h.ToColumnMajorArray();
        int rows = h.RowCount;
        for (int u = 0; u < sums.Length; u++) sums[u] += DoubleSum(values.AsSpan(u * rows, rows), square: false);
    }

    /// <summary>
    /// Σ|v| or Σv² in float64, whatever T is: float32 values are widened to float64 lanes before they are added
    /// (measured every epoch, so a scalar loop with a conversion per value showed in profiles of small grids).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DoubleSum(ReadOnlySpan<T> values, bool square)
    {
        if (typeof(T) != typeof(float) || !System.Numerics.Vector.IsHardwareAccelerated)
        {
            double s = 0;
            foreach (T v in values)
            {
                double d = double.CreateChecked(v);
                s += square ? d * d : Math.Abs(d);
            }
            return s;
        }
        var floats = MemoryMarshal.Cast<T, float>(values);
        ref float f0 = ref MemoryMarshal.GetReference(floats); // by offset: slicing a span per vector costs more than the sum
        var lanes = System.Numerics.Vector<double>.Zero;
        int i = 0;
        for (; i + System.Numerics.Vector<float>.Count <= floats.Length; i += System.Numerics.Vector<float>.Count)
        {
            System.Numerics.Vector.Widen(System.Numerics.Vector.LoadUnsafe(ref f0, (nuint)i), out var low, out var high);
            lanes += square ? low * low + high * high : System.Numerics.Vector.Abs(low) + System.Numerics.Vector.Abs(high);
        }
        double sum = System.Numerics.Vector.Sum(lanes);
        for (; i < floats.Length; i++) sum += square ? (double)floats[i] * floats[i] : Math.Abs((double)floats[i]);
        return sum;
    }
}
