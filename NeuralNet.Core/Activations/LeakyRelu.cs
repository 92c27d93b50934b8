using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Activations;

// Imported inside the namespace so that Vector<T> means System.Numerics' SIMD vector, not MathNet's Vector<T>.
using System.Numerics;

/// <summary>
/// Leaky rectified linear unit with a fixed slope α: f(z) = z for z &gt; 0, α·z otherwise (default α = 0.01, as PyTorch).
/// Derivative: 1 for z &gt; 0 and α for z ≤ 0, so leaky'(0) = α.
/// </summary>
/// <remarks>
/// Some texts sketch the backward with slope 1 at z = 0. We follow PyTorch (α at 0) because it agrees with
/// "a unit is active only where its input is &gt; 0", the rule the dead-neuron statistics use.
/// Example with α = 0.01: f(-3) = -0.03, f(1.2) = 1.2, and backward of ones on [-3, -1, 0, 2, 4] gives [0.01, 0.01, 0.01, 1, 1].
/// </remarks>
public sealed class LeakyRelu<T> : IActivation<T>, IElementwiseActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>The default negative slope, 0.01 (PyTorch's; Keras uses 0.2).</summary>
    public const double DefaultSlope = 0.01;

    private readonly T _alpha;

    /// <summary>Creates a LeakyReLU.</summary>
    /// <param name="units">Number of units.</param>
    /// <param name="alpha">Slope for z ≤ 0; finite and ≥ 0. Default 0.01.</param>
    /// <exception cref="ArgumentOutOfRangeException">If units is not positive or α is negative or not finite.</exception>
    public LeakyRelu(int units, double alpha = DefaultSlope)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        if (!double.IsFinite(alpha) || alpha < 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Expected a finite slope α ≥ 0.");
        Units = units;
        Alpha = alpha;
        _alpha = T.CreateChecked(alpha);
    }

    /// <summary>The slope on the negative side.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public string Name => "leaky-relu";

    /// <inheritdoc />
    public int Units { get; }

    /// <inheritdoc />
    public bool IsRectifier => true;

    /// <inheritdoc />
    public double? NegativeSlope => Alpha;

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
            var alpha = new Vector<T>(_alpha);
            ref T z0 = ref MemoryMarshal.GetReference(zs);
            ref T a0 = ref MemoryMarshal.GetReference(a);
            for (; i + Vector<T>.Count <= zs.Length; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref z0, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, alpha * v).StoreUnsafe(ref a0, (nuint)i);
            }
        }
        for (; i < zs.Length; i++)
            a[i] = zs[i] > T.Zero ? zs[i] : _alpha * zs[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every element of a layer, from the first batch: no time for tiering
    void IElementwiseActivation<T>.Backward(ReadOnlySpan<T> zs, ReadOnlySpan<T> g, Span<T> dz)
    {
        dz = dz[..zs.Length];
        g = g[..zs.Length];
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var alpha = new Vector<T>(_alpha);
            ref T z0 = ref MemoryMarshal.GetReference(zs);
            ref T g0 = ref MemoryMarshal.GetReference(g);
            ref T dz0 = ref MemoryMarshal.GetReference(dz);
            for (; i + Vector<T>.Count <= zs.Length; i += Vector<T>.Count)
            {
                var active = Vector.GreaterThan(Vector.LoadUnsafe(ref z0, (nuint)i), Vector<T>.Zero); // leaky'(0) = α
                var gv = Vector.LoadUnsafe(ref g0, (nuint)i);
                Vector.ConditionalSelect(active, gv, alpha * gv).StoreUnsafe(ref dz0, (nuint)i);
            }
        }
        for (; i < zs.Length; i++)
            dz[i] = zs[i] > T.Zero ? g[i] : _alpha * g[i]; // leaky'(0) = α
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => Alpha == 0;
}
