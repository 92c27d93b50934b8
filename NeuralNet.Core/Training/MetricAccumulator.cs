using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training;

// Imported inside the namespace so that Vector<T> means System.Numerics' SIMD vector, not MathNet's Vector<T>.
using System.Numerics;

/// <summary>
/// Accumulates the headline metric over batches: accuracy for classification (arg-max of the outputs against the
/// one-hot target, or logit &gt; 0 against a 0/1 target), R² for regression (averaged over outputs, as sklearn's
/// <c>r2_score</c> with <c>uniform_average</c>).
/// </summary>
public sealed class MetricAccumulator<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly bool _classification;
    private long _rows, _correct;
    private double[] _sse = [], _sum = [], _sumSquares = [];

    /// <summary>Creates an accumulator for a classification or a regression loss.</summary>
    public MetricAccumulator(bool classification) => _classification = classification;

    /// <summary>"accuracy" or "r2".</summary>
    public string Name => _classification ? "accuracy" : "r2";

    /// <summary>Forgets everything added so far.</summary>
    public void Reset()
    {
        _rows = _correct = 0;
        Array.Clear(_sse);
        Array.Clear(_sum);
        Array.Clear(_sumSquares);
    }

    /// <summary>Adds a batch of outputs and targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(Matrix<T> output, Matrix<T> target)
    {
        int n = output.RowCount, k = output.ColumnCount;
        T[] o = output.Data(), y = target.Data();
        _rows += n;
        if (_classification)
        {
            int i = k > 1 ? CountCorrectRows(o, y, n, k) : 0;
            for (; i < n; i++)
                if (PredictedClass(o, n, k, i) == PredictedClass(y, n, k, i, isTarget: true)) _correct++;
            return;
        }
        if (_sse.Length != k) { _sse = new double[k]; _sum = new double[k]; _sumSquares = new double[k]; }
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
            {
                double yi = double.CreateChecked(y[c * n + i]), d = double.CreateChecked(o[c * n + i]) - yi;
                _sse[c] += d * d;
                _sum[c] += yi;
                _sumSquares[c] += yi * yi;
            }
    }

    /// <summary>The metric over everything added; NaN when nothing was added.</summary>
    public double Value
    {
        get
        {
            if (_rows == 0) return double.NaN;
            if (_classification) return (double)_correct / _rows;
            double total = 0;
            for (int c = 0; c < _sse.Length; c++)
            {
                double sst = _sumSquares[c] - _sum[c] * _sum[c] / _rows;
                // A constant target has no variance to explain: sklearn scores a perfect fit 1 and anything else 0.
                total += sst > 0 ? 1 - _sse[c] / sst : (_sse[c] == 0 ? 1 : 0);
            }
            return total / _sse.Length;
        }
    }

    /// <summary>
    /// The arg-max comparison for whole vectors of rows (column-major: a vector holds one class of consecutive rows),
    /// the first class winning ties as in <see cref="PredictedClass"/>; adds the matches to the count and returns the
    /// first row left for the row-at-a-time loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountCorrectRows(T[] o, T[] y, int n, int k)
    {
        int w = Vector<T>.Count;
        if (!Vector.IsHardwareAccelerated || n < w) return 0;
        ref T o0 = ref MemoryMarshal.GetArrayDataReference(o);
        ref T y0 = ref MemoryMarshal.GetArrayDataReference(y);
        var matches = Vector<T>.Zero; // exact: at most n per lane
        int i = 0;
        for (; i + w <= n; i += w)
        {
            Vector<T> oBest = Vector.LoadUnsafe(ref o0, (nuint)i), yBest = Vector.LoadUnsafe(ref y0, (nuint)i);
            Vector<T> oClass = Vector<T>.Zero, yClass = Vector<T>.Zero;
            for (int c = 1; c < k; c++)
            {
                Vector<T> label = new(T.CreateTruncating(c));
                Vector<T> ov = Vector.LoadUnsafe(ref o0, (nuint)(c * n + i)), yv = Vector.LoadUnsafe(ref y0, (nuint)(c * n + i));
                Vector<T> oWins = Vector.GreaterThan(ov, oBest), yWins = Vector.GreaterThan(yv, yBest);
                (oBest, oClass) = (Vector.ConditionalSelect(oWins, ov, oBest), Vector.ConditionalSelect(oWins, label, oClass));
                (yBest, yClass) = (Vector.ConditionalSelect(yWins, yv, yBest), Vector.ConditionalSelect(yWins, label, yClass));
            }
            matches += Vector.ConditionalSelect(Vector.Equals(oClass, yClass), Vector<T>.One, Vector<T>.Zero);
        }
        _correct += long.CreateTruncating(Vector.Sum(matches));
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int PredictedClass(T[] values, int n, int k, int row, bool isTarget = false)
    {
        if (k == 1) return values[row] > (isTarget ? T.CreateChecked(0.5) : T.Zero) ? 1 : 0; // logit > 0 ⇔ p > 0.5
        int best = 0;
        for (int c = 1; c < k; c++)
            if (values[c * n + row] > values[best * n + row]) best = c;
        return best;
    }
}
