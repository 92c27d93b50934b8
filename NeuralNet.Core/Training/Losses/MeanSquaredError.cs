using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training.Losses;

/// <summary>
/// Mean squared error over all elements (PyTorch's MSELoss): L = Σ (ŷ − y)² / (rows · columns).
/// Gradient: dL/dŷ = 2(ŷ − y) / (rows · columns).
/// </summary>
public sealed class MeanSquaredError<T> : ILoss<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "mse";

    /// <inheritdoc />
    public bool IsClassification => false;

    /// <inheritdoc />
    public double Compute(Matrix<T> output, Matrix<T> target, Matrix<T>? gradOutput)
    {
        LossShape.Check(output, target, gradOutput);
        T[] p = output.Data(), y = target.Data();
        T[]? g = gradOutput?.Data();
        double count = p.Length, total = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = double.CreateChecked(p[i]) - double.CreateChecked(y[i]);
            total += d * d;
            if (g is not null) g[i] = NegligibleGradient.Store<T>(2 * d / count);
        }
        return total / count;
    }

    /// <inheritdoc />
    public void Predict(Matrix<T> output, Matrix<T> destination) => output.CopyTo(destination);
}
