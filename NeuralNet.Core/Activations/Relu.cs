using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Activations;

// Imported inside the namespace so that Vector<T> means System.Numerics' SIMD vector, not MathNet's Vector<T>.
using System.Numerics;

/// <summary>
/// Rectified linear unit: f(z) = max(0, z).
/// Derivative (PyTorch's rule): f'(z) = 1 for z &gt; 0 and 0 for z ≤ 0, so relu'(0) = 0 — a unit is active only
/// where its input is strictly positive, which is exactly what the dead-neuron statistics count.
/// </summary>
public sealed class Relu<T> : IActivation<T>, IElementwiseActivation<T> where T : struct, IFloatingPointIeee754<T>
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(Matrix<T> z, Matrix<T> output) => ((IElementwiseActivation<T>)this).Forward(z.Data(), output.Data());

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ)
        => ((IElementwiseActivation<T>)this).Backward(z.Data(), gradOutput.Data(), gradZ.Data());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every element of a layer, from the first batch: no time for tiering
    void IElementwiseActivation<T>.Forward(ReadOnlySpan<T> zs, Span<T> a)
    {
        a = a[..zs.Length];
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // By offset from the first elements (lengths checked above): slicing spans per vector costs ~40 %.
            ref T z0 = ref MemoryMarshal.GetReference(zs);
            ref T a0 = ref MemoryMarshal.GetReference(a);
            for (; i + Vector<T>.Count <= zs.Length; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref z0, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, Vector<T>.Zero).StoreUnsafe(ref a0, (nuint)i);
            }
        }
        for (; i < zs.Length; i++)
            a[i] = zs[i] > T.Zero ? zs[i] : T.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every element of a layer, from the first batch: no time for tiering
    void IElementwiseActivation<T>.Backward(ReadOnlySpan<T> zs, ReadOnlySpan<T> g, Span<T> dz)
    {
        dz = dz[..zs.Length];
        g = g[..zs.Length];
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref T z0 = ref MemoryMarshal.GetReference(zs);
            ref T g0 = ref MemoryMarshal.GetReference(g);
            ref T dz0 = ref MemoryMarshal.GetReference(dz);
            for (; i + Vector<T>.Count <= zs.Length; i += Vector<T>.Count)
            {
                var active = Vector.GreaterThan(Vector.LoadUnsafe(ref z0, (nuint)i), Vector<T>.Zero); // relu'(0) = 0
                Vector.ConditionalSelect(active, Vector.LoadUnsafe(ref g0, (nuint)i), Vector<T>.Zero).StoreUnsafe(ref dz0, (nuint)i);
            }
        }
        for (; i < zs.Length; i++)
            dz[i] = zs[i] > T.Zero ? g[i] : T.Zero; // relu'(0) = 0
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => true;
}
