using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Training.Losses;

/// <summary>
/// A loss on a batch of network outputs (rows = samples), averaged over rows, with its gradient with respect to
/// the outputs. Losses that fuse an output non-linearity (softmax, sigmoid) take raw logits.
/// </summary>
public interface ILoss<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Registry name: "softmax-cross-entropy", "binary-cross-entropy" or "mse".</summary>
    string Name { get; }

    /// <summary>Whether the loss is for classification (targets are one-hot or 0/1) rather than regression.</summary>
    bool IsClassification { get; }

    /// <summary>
    /// The mean loss over the batch; when <paramref name="gradOutput"/> is given, writes dL/d(output) into it
    /// (already divided by the number of rows).
    /// </summary>
    /// <param name="output">Network output (logits for the fused losses), rows × outputs.</param>
    /// <param name="target">Targets, same shape as <paramref name="output"/>.</param>
    /// <param name="gradOutput">Receives the gradient; same shape; may be null when only the value is needed.</param>
    double Compute(Matrix<T> output, Matrix<T> target, Matrix<T>? gradOutput);

    /// <summary>Turns outputs into predictions: class probabilities (softmax, sigmoid) or the values themselves (regression).</summary>
    void Predict(Matrix<T> output, Matrix<T> destination);
}
