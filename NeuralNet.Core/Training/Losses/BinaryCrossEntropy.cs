using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training.Losses;

/// <summary>
/// Binary cross-entropy on logits (PyTorch's BCEWithLogitsLoss), stable for any logit:
/// ℓ(z, y) = max(z, 0) − z·y + log(1 + e^(−|z|)), averaged over all elements.
/// Gradient: dL/dz = (σ(z) − y) / (rows · columns).
/// </summary>
public sealed class BinaryCrossEntropy<T> : ILoss<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "binary-cross-entropy";

    /// <inheritdoc />
    public bool IsClassification => true;

    /// <inheritdoc />
    public double Compute(Matrix<T> output, Matrix<T> target, Matrix<T>? gradOutput)
    {
        LossShape.Check(output, target, gradOutput);
        T[] z = output.Data(), y = target.Data();
        T[]? g = gradOutput?.Data();
        double count = z.Length, total = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double zi = double.CreateChecked(z[i]), yi = double.CreateChecked(y[i]);
            total += Math.Max(zi, 0) - zi * yi + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
            if (g is not null) g[i] = NegligibleGradient.Store<T>((Logistic(zi) - yi) / count);
        }
        return total / count;
    }

    /// <inheritdoc />
    public void Predict(Matrix<T> output, Matrix<T> destination)
    {
        T[] z = output.Data(), p = destination.Data();
        for (int i = 0; i < z.Length; i++) p[i] = T.CreateChecked(Logistic(double.CreateChecked(z[i])));
    }

    private static double Logistic(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
