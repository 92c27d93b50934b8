using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace NeuralNet.Core.Kernels;

/// <summary>Raw access to the column-major array behind a dense MathNet matrix, for span loops.</summary>
public static class MatrixStorage
{
    /// <summary>The column-major array behind <paramref name="matrix"/> (no copy).</summary>
    /// <exception cref="ArgumentException">If the matrix is not dense.</exception>
    public static T[] Data<T>(this Matrix<T> matrix) where T : struct, IFloatingPointIeee754<T>
        => matrix.Storage is DenseColumnMajorMatrixStorage<T> dense
            ? dense.Data
            : throw new ArgumentException("Only dense matrices are supported.", nameof(matrix));

    /// <summary>Column <paramref name="column"/> of a dense matrix as a span (contiguous in column-major storage).</summary>
    public static Span<T> ColumnSpan<T>(this Matrix<T> matrix, int column) where T : struct, IFloatingPointIeee754<T>
        => matrix.Data().AsSpan(column * matrix.RowCount, matrix.RowCount);
}
