using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training.Losses;

// Imported inside the namespace so that Vector<T> means System.Numerics' SIMD vector, not MathNet's Vector<T>.
using System.Numerics;

/// <summary>
/// Softmax cross-entropy on logits, fused and numerically stable: for row i with logits z and one-hot (or soft)
/// target y, L_i = Σ_k y_k · log Σ_k exp(z_k − m) + Σ_k y_k (m − z_k) with m = max_k z_k; L = mean_i L_i.
/// Gradient: dL/dz_ik = (Σ_k y_ik · softmax(z_i)_k − y_ik) / n.
/// </summary>
/// <remarks>
/// Computed in T, one exponential per element: e_k = exp(z_k − m), softmax_k = e_k / Σ e, a logarithm per row. The
/// batch is column-major, so a vector holds one class of consecutive rows and the rows are done a vector at a time;
/// a batch whose row count is not a multiple of the vector width ends with a block that overlaps the one before it
/// (each row's result depends only on that row). Batches narrower than a vector run the same formula one row at a time.
/// The loss term Σ y_k (m − z_k) is formed from differences (exact for nearby floats), so a confident row's small loss
/// does not vanish in the rounding of log Σ + m.
/// </remarks>
public sealed class SoftmaxCrossEntropy<T> : ILoss<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "softmax-cross-entropy";

    /// <inheritdoc />
    public bool IsClassification => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Compute(Matrix<T> output, Matrix<T> target, Matrix<T>? gradOutput)
    {
        LossShape.Check(output, target, gradOutput);
        int n = output.RowCount, k = output.ColumnCount;
        T[] z = output.Data(), y = target.Data();
        T[]? g = gradOutput?.Data();
        int w = Vector<T>.Count;
        if (!Vector.IsHardwareAccelerated || n < w || (typeof(T) != typeof(float) && typeof(T) != typeof(double)))
            return ComputeRows(z, y, g, n, k);
        double total = 0;
        for (int start = 0; start < n; start += w)
        {
            int i = Math.Min(start, n - w); // the last block ends at the last row, overlapping the one before it
            Vector<T> loss = Block(z, y, g, n, k, i);
            if (i == start)
            {
                total += SumLanes(loss);
                continue;
            }
            for (int lane = start - i; lane < w; lane++) total += double.CreateTruncating(loss[lane]);
        }
        return total / n;
    }

    /// <summary>Rows [i, i + width) of the batch: their losses, and their gradient written to <paramref name="g"/> when given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Block(T[] z, T[] y, T[]? g, int n, int k, int i)
    {
        ref T z0 = ref MemoryMarshal.GetArrayDataReference(z);
        ref T y0 = ref MemoryMarshal.GetArrayDataReference(y);
        Vector<T> max = Vector.LoadUnsafe(ref z0, (nuint)i);
        for (int c = 1; c < k; c++) max = Vector.Max(max, Vector.LoadUnsafe(ref z0, (nuint)(c * n + i)));
        Vector<T> sum = Vector<T>.Zero, ySum = Vector<T>.Zero, gap = Vector<T>.Zero;
        for (int c = 0; c < k; c++)
        {
            nuint at = (nuint)(c * n + i);
            Vector<T> zc = Vector.LoadUnsafe(ref z0, at), yc = Vector.LoadUnsafe(ref y0, at);
            Vector<T> e = Exp(zc - max);
            sum += e;
            ySum += yc;
            gap += yc * (max - zc);
            if (g is not null) e.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(g), at); // e, until the sum is known
        }
        if (g is not null)
        {
            ref T g0 = ref MemoryMarshal.GetArrayDataReference(g);
            Vector<T> rows = new(T.CreateTruncating(n)), threshold = new(NegligibleGradient.Threshold<T>());
            for (int c = 0; c < k; c++)
            {
                nuint at = (nuint)(c * n + i);
                Vector<T> d = (ySum * (Vector.LoadUnsafe(ref g0, at) / sum) - Vector.LoadUnsafe(ref y0, at)) / rows;
                Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(d), threshold), Vector<T>.Zero, d).StoreUnsafe(ref g0, at);
            }
        }
        return ySum * Log(sum) + gap;
    }

    /// <summary>The same formula a row at a time, for batches narrower than a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ComputeRows(T[] z, T[] y, T[]? g, int n, int k)
    {
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            T max = z[i];
            for (int c = 1; c < k; c++) max = T.Max(max, z[c * n + i]);
            T sum = T.Zero, ySum = T.Zero, gap = T.Zero;
            for (int c = 0; c < k; c++)
            {
                T zc = z[c * n + i], yc = y[c * n + i], e = T.Exp(zc - max);
                sum += e;
                ySum += yc;
                gap += yc * (max - zc);
                if (g is not null) g[c * n + i] = e; // e, until the sum is known
            }
            total += double.CreateTruncating(ySum * T.Log(sum) + gap);
            if (g is null) continue;
            T rows = T.CreateTruncating(n), threshold = NegligibleGradient.Threshold<T>();
            for (int c = 0; c < k; c++)
            {
                T d = (ySum * (g[c * n + i] / sum) - y[c * n + i]) / rows;
                g[c * n + i] = T.Abs(d) < threshold ? T.Zero : d;
            }
        }
        return total / n;
    }

    private static double SumLanes(Vector<T> values)
    {
        if (typeof(T) != typeof(float)) return double.CreateTruncating(Vector.Sum(values));
        Vector.Widen(values.As<T, float>(), out var low, out var high); // the row losses added in double, as the total is
        return Vector.Sum(low + high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Exp(Vector<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector.Exp(x.As<T, float>()).As<float, T>();
        return Vector.Exp(x.As<T, double>()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Log(Vector<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector.Log(x.As<T, float>()).As<float, T>();
        return Vector.Log(x.As<T, double>()).As<double, T>();
    }

    /// <inheritdoc />
    public void Predict(Matrix<T> output, Matrix<T> destination)
    {
        int n = output.RowCount, k = output.ColumnCount;
        T[] z = output.Data(), p = destination.Data();
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++) max = Math.Max(max, double.CreateChecked(z[c * n + i]));
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.Exp(double.CreateChecked(z[c * n + i]) - max);
            for (int c = 0; c < k; c++) p[c * n + i] = T.CreateChecked(Math.Exp(double.CreateChecked(z[c * n + i]) - max) / sum);
        }
    }
}
