using System.Runtime.CompilerServices;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Activations;

/// <summary>Logistic sigmoid: f(z) = 1 / (1 + e^(−z)), f'(z) = f(z)·(1 − f(z)). Computed without overflow for large |z|.</summary>
public sealed class Sigmoid<T> : IActivation<T>, IElementwiseActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Creates a sigmoid for <paramref name="units"/> units.</summary>
    public Sigmoid(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Units = units;
    }

    /// <inheritdoc />
    public string Name => "sigmoid";

    /// <inheritdoc />
    public int Units { get; }

    /// <inheritdoc />
    public bool IsRectifier => false;

    /// <inheritdoc />
    public double? NegativeSlope => null;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>σ(z), stable on both sides (e^(−|z|) never overflows).</summary>
    public static T Logistic(T z)
    {
        T e = T.Exp(-T.Abs(z));
        return z >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
    }

    /// <inheritdoc />
    public void Forward(Matrix<T> z, Matrix<T> output) => ((IElementwiseActivation<T>)this).Forward(z.Data(), output.Data());

    /// <inheritdoc />
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ)
        => ((IElementwiseActivation<T>)this).Backward(z.Data(), gradOutput.Data(), gradZ.Data());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every element of a layer, from the first batch: no time for tiering
    void IElementwiseActivation<T>.Forward(ReadOnlySpan<T> zs, Span<T> a)
    {
        for (int i = 0; i < zs.Length; i++)
            a[i] = Logistic(zs[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every element of a layer, from the first batch: no time for tiering
    void IElementwiseActivation<T>.Backward(ReadOnlySpan<T> zs, ReadOnlySpan<T> g, Span<T> dz)
    {
        for (int i = 0; i < zs.Length; i++)
        {
            T s = Logistic(zs[i]);
            dz[i] = g[i] * s * (T.One - s);
        }
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => false;
}
