using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Activations;

/// <summary>Identity (linear) activation: f(z) = z, f'(z) = 1. The output layer's activation when the loss works on logits.</summary>
public sealed class Identity<T> : IActivation<T>, IElementwiseActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Creates an identity activation for <paramref name="units"/> units.</summary>
    public Identity(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Units = units;
    }

    /// <inheritdoc />
    public string Name => "identity";

    /// <inheritdoc />
    public int Units { get; }

    /// <inheritdoc />
    public bool IsRectifier => false;

    /// <inheritdoc />
    public double? NegativeSlope => null;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public void Forward(Matrix<T> z, Matrix<T> output)
    {
        if (!ReferenceEquals(z, output)) z.CopyTo(output);
    }

    /// <inheritdoc />
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ)
    {
        if (!ReferenceEquals(gradOutput, gradZ)) gradOutput.CopyTo(gradZ);
    }

    void IElementwiseActivation<T>.Forward(ReadOnlySpan<T> z, Span<T> output)
    {
        if (!z.Overlaps(output)) z.CopyTo(output);
    }

    void IElementwiseActivation<T>.Backward(ReadOnlySpan<T> z, ReadOnlySpan<T> gradOutput, Span<T> gradZ)
    {
        if (!gradOutput.Overlaps(gradZ)) gradOutput.CopyTo(gradZ);
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => false;
}
