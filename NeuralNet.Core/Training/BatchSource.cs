using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training;

/// <summary>
/// Cuts a dataset into mini-batches by copying rows into matrices preallocated once per batch shape, so an
/// epoch allocates nothing but its enumerator.
/// </summary>
public sealed class BatchSource<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<(int Rows, int Columns, int Slot), Matrix<T>> _buffers = new();

    /// <summary>Creates a source of batches of at most <paramref name="batchRows"/> rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If batchRows is not positive.</exception>
    public BatchSource(int batchRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        BatchRows = batchRows;
    }

    /// <summary>Rows per batch (the last batch may be smaller).</summary>
    public int BatchRows { get; }

    /// <summary>Number of batches for <paramref name="rows"/> rows.</summary>
    public int BatchCount(int rows) => (rows + BatchRows - 1) / BatchRows;

    /// <summary>Batches in row order. When the whole set fits in one batch, yields the matrices themselves.</summary>
    public IEnumerable<(Matrix<T> Features, Matrix<T>? Targets)> Sequential(Matrix<T> features, Matrix<T>? targets)
    {
        int rows = features.RowCount;
        if (rows <= BatchRows)
        {
            yield return (features, targets);
            yield break;
        }
        for (int start = 0; start < rows; start += BatchRows)
        {
            int count = Math.Min(BatchRows, rows - start);
            var x = Buffer(count, features.ColumnCount, 0);
            CopyRows(features, start, x);
            Matrix<T>? y = null;
            if (targets is not null)
            {
                y = Buffer(count, targets.ColumnCount, 1);
                CopyRows(targets, start, y);
            }
            yield return (x, y);
        }
    }

    /// <summary>Batches in the row order given by <paramref name="order"/> (a permutation of the rows).</summary>
    public IEnumerable<(Matrix<T> Features, Matrix<T> Targets)> Ordered(Matrix<T> features, Matrix<T> targets, int[] order)
    {
        for (int start = 0; start < order.Length; start += BatchRows)
        {
            int count = Math.Min(BatchRows, order.Length - start);
            var x = Buffer(count, features.ColumnCount, 0);
            var y = Buffer(count, targets.ColumnCount, 1);
            Gather(features, order.AsSpan(start, count), x);
            Gather(targets, order.AsSpan(start, count), y);
            yield return (x, y);
        }
    }

    private Matrix<T> Buffer(int rows, int columns, int slot)
    {
        if (!_buffers.TryGetValue((rows, columns, slot), out var m))
        {
            m = Matrix<T>.Build.Dense(rows, columns);
            _buffers[(rows, columns, slot)] = m;
        }
        return m;
    }

    private static void CopyRows(Matrix<T> source, int start, Matrix<T> destination)
    {
        for (int c = 0; c < source.ColumnCount; c++)
            source.ColumnSpan(c).Slice(start, destination.RowCount).CopyTo(destination.ColumnSpan(c));
    }

    private static void Gather(Matrix<T> source, ReadOnlySpan<int> rows, Matrix<T> destination)
    {
        for (int c = 0; c < source.ColumnCount; c++)
        {
            ReadOnlySpan<T> src = source.ColumnSpan(c);
            Span<T> dst = destination.ColumnSpan(c);
            for (int i = 0; i < rows.Length; i++) dst[i] = src[rows[i]];
        }
    }
}
