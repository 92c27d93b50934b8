using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Data;

/// <summary>
/// How many of some rows of a numeric column have a value, and their smallest, largest, mean and population standard
/// deviation: what a scaling is fitted on. The sums run in row order, one value after another (as LINQ's Average and
/// Sum did), so the fitted encoders, and a seed's weights, do not change with how the loops are written.
/// </summary>
internal readonly record struct ColumnMoments(int Count, double Min, double Max, double Mean, double Std)
{
    /// <summary>The moments of the present values of <paramref name="rows"/> (NaN min/max/mean/std when none is present).</summary>
    // No AggressiveOptimization: non-generic code ships precompiled (ReadyToRun), optimized from the first call; that flag would discard it and JIT-compile this method in every process.
    public static ColumnMoments Of(NumericColumn numbers, int[] rows)
    {
        var (count, min, max, sum) = numbers.IsDouble ? Scan(numbers.Doubles, rows) : Scan(numbers.Singles, rows);
        if (count == 0) return new ColumnMoments(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = sum / count;
        double std = Math.Sqrt((numbers.IsDouble ? Squares(numbers.Doubles, rows, mean) : Squares(numbers.Singles, rows, mean)) / count);
        if (double.IsFinite(mean) && double.IsFinite(std)) return new ColumnMoments(count, min, max, mean, std);
        // Values near ±1.8e308 overflow the plain sums: then both are computed on the values divided by the largest
        // magnitude and scaled back (the result is finite).
        double largest = Math.Max(Math.Abs(min), Math.Abs(max));
        double m = Sum(numbers, rows, largest, 0, square: false) / count;
        double s = Math.Sqrt(Sum(numbers, rows, largest, m, square: true) / count);
        return new ColumnMoments(count, min, max, m * largest, Math.Min(s * largest, double.MaxValue));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Count, double Min, double Max, double Sum) Scan<TValue>(ReadOnlySpan<TValue> values, int[] rows)
        where TValue : struct, System.Numerics.IFloatingPointIeee754<TValue>
    {
        int count = 0;
        double min = double.NaN, max = double.NaN, sum = 0;
        foreach (int r in rows)
        {
            double v = double.CreateTruncating(values[r]);
            if (double.IsNaN(v)) continue;
            if (count++ == 0) (min, max) = (v, v);
            else if (v < min) min = v;
            else if (v > max) max = v;
            sum += v;
        }
        return (count, min, max, sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Squares<TValue>(ReadOnlySpan<TValue> values, int[] rows, double mean)
        where TValue : struct, System.Numerics.IFloatingPointIeee754<TValue>
    {
        double sum = 0;
        foreach (int r in rows)
        {
            double v = double.CreateTruncating(values[r]);
            if (double.IsNaN(v)) continue;
            sum += (v - mean) * (v - mean);
        }
        return sum;
    }

    /// <summary>Σ v/divisor, or Σ (v/divisor − mean)² with <paramref name="square"/>, over the present values, strictly left to right.</summary>
    private static double Sum(NumericColumn numbers, int[] rows, double divisor, double mean, bool square)
    {
        double sum = 0;
        foreach (int r in rows)
        {
            double v = numbers[r];
            if (double.IsNaN(v)) continue;
            v /= divisor;
            sum += square ? (v - mean) * (v - mean) : v;
        }
        return sum;
    }
}
