using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Activations;

/// <summary>Hyperbolic tangent: f(z) = tanh(z), f'(z) = 1 − tanh²(z).</summary>
public sealed class Tanh<T> : IActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Creates a tanh for <paramref name="units"/> units.</summary>
    public Tanh(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Units = units;
    }

    /// <inheritdoc />
    public string Name => "tanh";

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
        ReadOnlySpan<T> zs = z.Data();
        Span<T> a = output.Data();
        for (int i = 0; i < zs.Length; i++)
            a[i] = T.Tanh(zs[i]);
    }

    /// <inheritdoc />
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ)
    {
        ReadOnlySpan<T> zs = z.Data();
        ReadOnlySpan<T> g = gradOutput.Data();
        Span<T> dz = gradZ.Data();
        for (int i = 0; i < zs.Length; i++)
        {
            T t = T.Tanh(zs[i]);
            dz[i] = g[i] * (T.One - t * t);
        }
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => false;
}
