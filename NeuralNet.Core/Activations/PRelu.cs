using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Activations;

// Imported inside the namespace so that Vector<T> means System.Numerics' SIMD vector, not MathNet's Vector<T>.
using System.Numerics;

/// <summary>
/// Parametric ReLU (He et al. 2015): f(z) = z for z &gt; 0, α·z otherwise, with α <em>learned</em>.
/// α is one <see cref="Parameter{T}"/> shared by the layer, or one per unit; it starts at 0.25 (PyTorch's default)
/// and is not weight-decayed (decay would pull it towards ReLU).
/// </summary>
/// <remarks>
/// Derivatives (PyTorch's rule at 0): df/dz = 1 for z &gt; 0, α for z ≤ 0; df/dα = z for z &lt; 0 and 0 otherwise,
/// so dL/dα gets nothing from an input that is exactly 0.
/// A PReLU unit that is never positive counts as <em>dead</em> only while its |α| &lt; <see cref="DeadSlopeThreshold"/>
/// (then it behaves like a dead ReLU); otherwise it is <em>inactive</em>.
/// </remarks>
public sealed class PRelu<T> : IActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Initial α, 0.25 (PyTorch; Keras starts at 0).</summary>
    public const double DefaultInitialAlpha = 0.25;

    /// <summary>|α| below this makes a never-positive PReLU unit count as dead: 1e-3, a tenth of LeakyReLU's default slope.</summary>
    public const double DeadSlopeThreshold = 1e-3;

    private readonly Parameter<T> _alpha;

    /// <summary>Creates a PReLU.</summary>
    /// <param name="units">Number of units.</param>
    /// <param name="perUnit">One α per unit (true) or one α for the whole layer (false).</param>
    /// <param name="initialAlpha">Starting α; default 0.25.</param>
    /// <param name="name">Parameter name prefix, for example "layer0".</param>
    /// <exception cref="ArgumentOutOfRangeException">If units is not positive or α is not finite.</exception>
    public PRelu(int units, bool perUnit = false, double initialAlpha = DefaultInitialAlpha, string name = "prelu")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        if (!double.IsFinite(initialAlpha))
            throw new ArgumentOutOfRangeException(nameof(initialAlpha), initialAlpha, "Expected a finite initial α.");
        Units = units;
        PerUnit = perUnit;
        _alpha = new Parameter<T>(name + ".alpha", 1, perUnit ? units : 1, applyWeightDecay: false);
        Array.Fill(_alpha.Value, T.CreateChecked(initialAlpha));
    }

    /// <summary>Whether each unit has its own α.</summary>
    public bool PerUnit { get; }

    /// <summary>The learned slope(s): 1 value, or one per unit.</summary>
    public Parameter<T> Alpha => _alpha;

    /// <inheritdoc />
    public string Name => "prelu";

    /// <inheritdoc />
    public int Units { get; }

    /// <inheritdoc />
    public bool IsRectifier => true;

    /// <inheritdoc />
    public double? NegativeSlope => double.CreateChecked(_alpha.Value[0]);

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [_alpha];

    /// <summary>The α that applies to <paramref name="unit"/>.</summary>
    public T AlphaOf(int unit) => _alpha.Value[PerUnit ? unit : 0];

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(Matrix<T> z, Matrix<T> output)
    {
        int rows = z.RowCount;
        T[] zData = z.Data(), aData = output.Data();
        if (zData.Length < Units * rows || aData.Length < Units * rows) throw new ArgumentException("Expected matrices of the layer's units.");
        // By offset from the arrays' starts (lengths checked above): slicing a span per vector costs more than the arithmetic.
        ref T z0 = ref MemoryMarshal.GetArrayDataReference(zData);
        ref T a0 = ref MemoryMarshal.GetArrayDataReference(aData);
        for (int j = 0; j < Units; j++)
        {
            T alpha = AlphaOf(j);
            nuint column = (nuint)j * (nuint)rows;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var alphas = new Vector<T>(alpha);
                for (; i + Vector<T>.Count <= rows; i += Vector<T>.Count)
                {
                    var v = Vector.LoadUnsafe(ref z0, column + (nuint)i);
                    Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, alphas * v).StoreUnsafe(ref a0, column + (nuint)i);
                }
            }
            for (; i < rows; i++)
            {
                T v = Unsafe.Add(ref z0, column + (nuint)i);
                Unsafe.Add(ref a0, column + (nuint)i) = v > T.Zero ? v : alpha * v;
            }
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ)
    {
        int rows = z.RowCount;
        Span<T> alphaGrad = _alpha.Gradient;
        T[] zData = z.Data(), gData = gradOutput.Data(), dzData = gradZ.Data();
        if (zData.Length < Units * rows || gData.Length < Units * rows || dzData.Length < Units * rows)
            throw new ArgumentException("Expected matrices of the layer's units.");
        ref T z0 = ref MemoryMarshal.GetArrayDataReference(zData);
        ref T g0 = ref MemoryMarshal.GetArrayDataReference(gData);
        ref T dz0 = ref MemoryMarshal.GetArrayDataReference(dzData);
        for (int j = 0; j < Units; j++)
        {
            T alpha = AlphaOf(j);
            nuint column = (nuint)j * (nuint)rows;
            T dAlpha = T.Zero;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var alphas = new Vector<T>(alpha);
                var dAlphas = Vector<T>.Zero;
                for (; i + Vector<T>.Count <= rows; i += Vector<T>.Count)
                {
                    nuint at = column + (nuint)i;
                    var zv = Vector.LoadUnsafe(ref z0, at);
                    var gv = Vector.LoadUnsafe(ref g0, at);
                    var active = Vector.GreaterThan(zv, Vector<T>.Zero);
                    dAlphas += Vector.ConditionalSelect(active, Vector<T>.Zero, gv * zv); // nothing from z == 0 (g·0)
                    Vector.ConditionalSelect(active, gv, alphas * gv).StoreUnsafe(ref dz0, at); // prelu'(0) = α
                }
                dAlpha = Vector.Sum(dAlphas);
            }
            for (; i < rows; i++)
            {
                nuint at = column + (nuint)i;
                T zi = Unsafe.Add(ref z0, at), gi = Unsafe.Add(ref g0, at);
                if (zi > T.Zero)
                {
                    Unsafe.Add(ref dz0, at) = gi;
                }
                else
                {
                    dAlpha += gi * zi;                  // zero when z == 0: α learns nothing from an exact zero
                    Unsafe.Add(ref dz0, at) = alpha * gi; // prelu'(0) = α
                }
            }
            alphaGrad[PerUnit ? j : 0] += dAlpha;
        }
    }

    /// <inheritdoc />
    public bool BlocksGradientWhenNegative(int unit) => double.Abs(double.CreateChecked(AlphaOf(unit))) < DeadSlopeThreshold;
}
