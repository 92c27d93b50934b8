using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly Matrix<T>?[] _recent = new Matrix<T>?[2];
    private RowGather? _rowGather;

    /// <summary>Creates a source of batches of at most <paramref name="batchRows"/> rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If batchRows is not positive.</exception>
    public BatchSource(int batchRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        BatchRows = batchRows;
    }

    /// <summary>Rows per batch (the last batch may be smaller).</summary>
    public int BatchRows { get; }

    /// <summary>Number of batches for <paramref name="rows"/> rows (one when a batch holds them all, however large it is).</summary>
    public int BatchCount(int rows) => (int)(((long)rows + BatchRows - 1) / BatchRows);

    /// <summary>Batches in row order. When the whole set fits in one batch, yields the matrices themselves.</summary>
    public IEnumerable<(Matrix<T> Features, Matrix<T>? Targets)> Sequential(Matrix<T> features, Matrix<T>? targets)
        => Sequential(features, targets, 0, BatchCount(features.RowCount));

    /// <summary>Batches <paramref name="first"/> to <paramref name="end"/> (exclusive) of <see cref="Sequential(Matrix{T}, Matrix{T}?)"/>.</summary>
    public IEnumerable<(Matrix<T> Features, Matrix<T>? Targets)> Sequential(Matrix<T> features, Matrix<T>? targets, int first, int end)
    {
        int rows = features.RowCount;
        if (rows <= BatchRows)
        {
            if (first == 0 && end > 0) yield return (features, targets);
            yield break;
        }
        for (int start = first * BatchRows; start < rows && start < end * BatchRows; start += BatchRows)
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

    /// <summary>
    /// A row-major copy of <paramref name="features"/> (row r at r·columns), for
    /// <see cref="Ordered(Matrix{T}, T[], Matrix{T}, int[])"/>: gathering random rows from column-major storage touches
    /// one cache line per value, from row-major storage one run per row. Made once per training run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T[] ToRowMajor(Matrix<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.RowCount, columns = features.ColumnCount;
        T[] source = features.Data();
        var destination = LargeArrays.Uninitialized<T>(rows * columns);
        const int Block = 32; // a Block × Block tile: its source and destination lines stay in L1
        for (int r0 = 0; r0 < rows; r0 += Block)
            for (int c0 = 0; c0 < columns; c0 += Block)
            {
                int rEnd = Math.Min(rows, r0 + Block), cEnd = Math.Min(columns, c0 + Block);
                for (int c = c0; c < cEnd; c++)
                    for (int r = r0; r < rEnd; r++)
                        destination[(long)r * columns + c] = source[(long)c * rows + r];
            }
        return destination;
    }

    /// <summary>
    /// Like <see cref="Ordered(Matrix{T}, Matrix{T}, int[])"/>, with the features gathered from
    /// <paramref name="rowMajorFeatures"/>, the <see cref="ToRowMajor"/> copy of <paramref name="features"/>
    /// (which must not have changed since): the same batches, several times faster to gather for wide inputs.
    /// </summary>
    /// <exception cref="ArgumentException">If the copy's length does not match the features.</exception>
    public IEnumerable<(Matrix<T> Features, Matrix<T> Targets)> Ordered(Matrix<T> features, T[] rowMajorFeatures, Matrix<T> targets, int[] order)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(rowMajorFeatures);
        if (rowMajorFeatures.Length != features.RowCount * features.ColumnCount)
            throw new ArgumentException(
                $"Expected a row-major copy of {features.RowCount * features.ColumnCount} values, received {rowMajorFeatures.Length}.",
                nameof(rowMajorFeatures));
        return OrderedRowMajor(features.ColumnCount, rowMajorFeatures, targets, order);
    }

    private IEnumerable<(Matrix<T> Features, Matrix<T> Targets)> OrderedRowMajor(int columns, T[] rowMajor, Matrix<T> targets, int[] order)
    {
        for (int index = 0; index < BatchCount(order.Length); index++)
            yield return GatherBatch(columns, rowMajor, targets, order, index);
    }

    /// <summary>
    /// Batch <paramref name="index"/> of those <see cref="Ordered(Matrix{T}, T[], Matrix{T}, int[])"/> yields, gathered
    /// without an enumerator (for loops that must not allocate, such as the benchmark's). The matrices are reused by
    /// the next batch of the same size.
    /// </summary>
    /// <param name="columns">Features per row.</param>
    /// <param name="rowMajorFeatures">The <see cref="ToRowMajor"/> copy of the features.</param>
    /// <param name="targets">Targets, one row per sample.</param>
    /// <param name="order">The epoch's row order (a permutation of the rows).</param>
    /// <param name="index">Which batch, from 0 to <see cref="BatchCount"/>(order.Length) − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">If index is outside the epoch or a row index outside the data.</exception>
    /// <exception cref="ArgumentException">If the row-major copy does not hold one row of <paramref name="columns"/> per target row.</exception>
    public (Matrix<T> Features, Matrix<T> Targets) GatherBatch(int columns, T[] rowMajorFeatures, Matrix<T> targets, int[] order, int index)
    {
        ArgumentNullException.ThrowIfNull(rowMajorFeatures);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (rowMajorFeatures.Length != (long)targets.RowCount * columns)
            throw new ArgumentException(
                $"Expected a row-major copy of {targets.RowCount} rows × {columns} columns, received {rowMajorFeatures.Length} values.",
                nameof(rowMajorFeatures));
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BatchCount(order.Length));
        int start = index * BatchRows, count = Math.Min(BatchRows, order.Length - start);
        var x = Buffer(count, columns, 0);
        var y = Buffer(count, targets.ColumnCount, 1);
        GatherRows(rowMajorFeatures, columns, order, start, count, x);
        Gather(targets, order.AsSpan(start, count), y);
        return (x, y);
    }

    /// <summary>
    /// destination[i, c] = row order[start + i] of the row-major source: a transpose of the chosen rows, done for float
    /// by <see cref="RowGather"/> (register blocks, both cores; about 3–5× the scalar copy), else one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GatherRows(T[] source, int columns, int[] order, int start, int count, Matrix<T> destination)
    {
        T[] dst = destination.Data();
        ReadOnlySpan<int> rows = order.AsSpan(start, count);
        uint sourceRows = (uint)(source.Length / columns);
        foreach (int row in rows)
            if ((uint)row >= sourceRows)
                throw new ArgumentOutOfRangeException(nameof(order), row, "Row index outside the features.");
        // Bounds are checked above once per row, so the copies run on raw addresses. Rows narrower than eight values
        // never fill a TransposeEight block: they are copied one by one, without the blocked route's set-up.
        int done = typeof(T) == typeof(float) && TransposeEight.IsSupported && columns >= 8
            ? (_rowGather ??= new RowGather()).Gather((float[])(object)source, columns, order, start, count, (float[])(object)dst)
            : 0;
        GatherRowsOneByOne(source, columns, rows, dst, done);
    }

    /// <summary>The scalar route for rows[first..], in tiles of 16 rows × 64 columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherRowsOneByOne(T[] source, int columns, ReadOnlySpan<int> rows, T[] dst, int first)
    {
        int n = rows.Length;
        ref T src0 = ref MemoryMarshal.GetArrayDataReference(source);
        ref T dst0 = ref MemoryMarshal.GetArrayDataReference(dst);
        for (int i0 = first; i0 < n; i0 += 16)
        {
            int iEnd = Math.Min(n, i0 + 16);
            for (int c0 = 0; c0 < columns; c0 += 64)
            {
                int width = Math.Min(64, columns - c0);
                for (int i = i0; i < iEnd; i++)
                {
                    ref T s = ref Unsafe.Add(ref src0, (nint)rows[i] * columns + c0);
                    ref T d = ref Unsafe.Add(ref dst0, (nint)c0 * n + i);
                    for (int c = 0; c < width; c++) Unsafe.Add(ref d, (nint)c * n) = Unsafe.Add(ref s, c);
                }
            }
        }
    }

    private Matrix<T> Buffer(int rows, int columns, int slot)
    {
        // Every step asks for the shape of the step before it: the last buffer of each slot is checked first.
        if (_recent[slot] is { } recent && recent.RowCount == rows && recent.ColumnCount == columns) return recent;
        if (!_buffers.TryGetValue((rows, columns, slot), out var m))
        {
            m = Matrix<T>.Build.Dense(rows, columns);
            _buffers[(rows, columns, slot)] = m;
        }
        return _recent[slot] = m;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows(Matrix<T> source, int start, Matrix<T> destination)
    {
        for (int c = 0; c < source.ColumnCount; c++)
            source.ColumnSpan(c).Slice(start, destination.RowCount).CopyTo(destination.ColumnSpan(c));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(Matrix<T> source, ReadOnlySpan<int> rows, Matrix<T> destination)
    {
        int sourceRows = source.RowCount, columns = source.ColumnCount;
        ReadOnlySpan<T> src = source.Data().AsSpan(0, sourceRows * columns);
        Span<T> dst = destination.Data().AsSpan(0, rows.Length * columns);
        for (int c = 0; c < columns; c++)
        {
            ReadOnlySpan<T> column = src.Slice(c * sourceRows, sourceRows);
            Span<T> into = dst.Slice(c * rows.Length, rows.Length);
            for (int i = 0; i < rows.Length; i++) into[i] = column[rows[i]];
        }
    }
}
