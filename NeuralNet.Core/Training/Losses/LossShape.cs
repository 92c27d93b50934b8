using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Training.Losses;

/// <summary>Argument checks shared by the losses.</summary>
internal static class LossShape
{
    public static void Check<T>(Matrix<T> output, Matrix<T> target, Matrix<T>? grad) where T : struct, IFloatingPointIeee754<T>
    {
        if (output.RowCount != target.RowCount || output.ColumnCount != target.ColumnCount)
            throw new ArgumentException(
                $"Expected targets shaped like the output ({output.RowCount}×{output.ColumnCount}), received {target.RowCount}×{target.ColumnCount}.", nameof(target));
        if (grad is not null && (grad.RowCount != output.RowCount || grad.ColumnCount != output.ColumnCount))
            throw new ArgumentException(
                $"Expected a gradient buffer of {output.RowCount}×{output.ColumnCount}, received {grad.RowCount}×{grad.ColumnCount}.", nameof(grad));
    }
}
