using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Training;

/// <summary>Features and targets, one row per sample (targets one-hot for softmax, 0/1 for binary, values for regression).</summary>
public sealed record Dataset<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Creates a dataset.</summary>
    /// <exception cref="ArgumentException">If the row counts differ or there are no rows.</exception>
    public Dataset(Matrix<T> features, Matrix<T> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.RowCount != targets.RowCount)
            throw new ArgumentException($"Expected as many target rows as feature rows ({features.RowCount}), received {targets.RowCount}.", nameof(targets));
        if (features.RowCount == 0) throw new ArgumentException("A dataset needs at least one row.", nameof(features));
        Features = features;
        Targets = targets;
    }

    /// <summary>Rows × features.</summary>
    public Matrix<T> Features { get; }

    /// <summary>Rows × outputs.</summary>
    public Matrix<T> Targets { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Features.RowCount;
}
