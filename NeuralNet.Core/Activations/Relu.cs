using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Activations;

/// <summary>
/// Rectified linear unit: f(z) = max(0, z).
/// Derivative (PyTorch's rule): f'(z) = 1 for z &gt; 0 and 0 for z ≤ 0, so relu'(0) = 0 — a unit is active only
/// where its input is strictly positive, which is exactly what the dead-neuron statistics count.
/// </summary>
public sealed class Relu<T> : IActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Creates a ReLU for <paramref name="units"/> units.</summary>
    public Relu(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Units = units;
    }

    /// <inheritdoc />
    public string Name => "relu";

    /// <inheritdoc />
    public int Units { get; }

    /// <inheritdoc />
    public bool IsRectifier => true;

    /// <inheritdoc />
    public double? NegativeSlope => 0.0;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public void Forward(Matrix<T> z, Matrix<T> output)
    {
        ReadOnlySpan<T> zs = z.Data();
        Span<T> a = output.Data();
        for (int i = 0; i < zs.Length; i++)
            a[i] = zs[i] > T.Zero ? zs[i] : T.Zero;
    }

    /// <inheritdoc />
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ)
    {
        ReadOnlySpan<T> zs = z.Data();
        ReadOnlySpan<T> g = gradOutput.Data();
        Span<T> dz = gradZ.Data();
        for (int i = 0; i < zs.Length; i++)
            dz[i] = zs[i] > T.Zero ? g[i] : T.Zero; // relu'(0) = 0
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => true;
}
