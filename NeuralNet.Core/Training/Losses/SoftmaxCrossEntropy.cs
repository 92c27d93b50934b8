using System.Runtime.CompilerServices;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training.Losses;

/// <summary>
/// Softmax cross-entropy on logits, fused and numerically stable: for row i with logits z and one-hot (or soft)
/// target y, L_i = logΣ_k exp(z_k − m) + m − Σ_k y_k z_k with m = max_k z_k; L = mean_i L_i.
/// Gradient: dL/dz_ik = (softmax(z_i)_k − y_ik) / n.
/// </summary>
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
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++) max = Math.Max(max, double.CreateChecked(z[c * n + i]));
            double sumExp = 0, dot = 0, ySum = 0;
            for (int c = 0; c < k; c++)
            {
                double zc = double.CreateChecked(z[c * n + i]);
                double yc = double.CreateChecked(y[c * n + i]);
                sumExp += Math.Exp(zc - max);
                dot += yc * zc;
                ySum += yc;
            }
            double logSumExp = Math.Log(sumExp) + max;
            total += ySum * logSumExp - dot;
            if (g is null) continue;
            for (int c = 0; c < k; c++)
            {
                double p = Math.Exp(double.CreateChecked(z[c * n + i]) - logSumExp);
                g[c * n + i] = NegligibleGradient.Store<T>((ySum * p - double.CreateChecked(y[c * n + i])) / n);
            }
        }
        return total / n;
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
