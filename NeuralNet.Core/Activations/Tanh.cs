using System.Runtime.CompilerServices;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Activations;

/// <summary>Hyperbolic tangent: f(z) = tanh(z), f'(z) = 1 − tanh²(z).</summary>
public sealed class Tanh<T> : IActivation<T>, IElementwiseActivation<T> where T : struct, IFloatingPointIeee754<T>
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
    public void Forward(Matrix<T> z, Matrix<T> output) => ((IElementwiseActivation<T>)this).Forward(z.Data(), output.Data());

    /// <inheritdoc />
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ)
        => ((IElementwiseActivation<T>)this).Backward(z.Data(), gradOutput.Data(), gradZ.Data());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every element of a layer, from the first batch: no time for tiering
    void IElementwiseActivation<T>.Forward(ReadOnlySpan<T> zs, Span<T> a)
    {
        for (int i = 0; i < zs.Length; i++)
            a[i] = T.Tanh(zs[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every element of a layer, from the first batch: no time for tiering
    void IElementwiseActivation<T>.Backward(ReadOnlySpan<T> zs, ReadOnlySpan<T> g, Span<T> dz)
    {
        for (int i = 0; i < zs.Length; i++)
        {
            T t = T.Tanh(zs[i]);
            dz[i] = g[i] * (T.One - t * t);
        }
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => false;
}
