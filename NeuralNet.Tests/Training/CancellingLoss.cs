using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Tests.Training;

/// <summary>A loss that counts training batches (one Compute with a gradient each) and cancels a run after a given number.</summary>
internal sealed class CancellingLoss<T>(ILoss<T> inner, int cancelAfter, CancellationTokenSource cts) : ILoss<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Training batches seen (Compute calls with a gradient).</summary>
    public int Calls { get; private set; }
    public string Name => inner.Name;
    public bool IsClassification => inner.IsClassification;
    public double Compute(Matrix<T> output, Matrix<T> target, Matrix<T>? gradOutput)
    {
        if (gradOutput is not null && ++Calls == cancelAfter) cts.Cancel();
        return inner.Compute(output, target, gradOutput);
    }
    public void Predict(Matrix<T> output, Matrix<T> destination) => inner.Predict(output, destination);
}
