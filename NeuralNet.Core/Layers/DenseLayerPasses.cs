using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Layers;

// Imported inside the namespace so that Vector<T> means System.Numerics' SIMD vector, not MathNet's Vector<T>.
using System.Numerics;

/// <summary>
/// The element-wise work around a dense layer's products, done by ranges of units (columns of the column-major
/// batch, each a contiguous run) so that a large layer's passes run on both cores. Forward: z += b, the count of
/// rows where z &gt; 0, and a = f(z); backward: dz = g ⊙ f'(z) and db += the column sums of dz. A unit's results do
/// not depend on how the units are split. Activations with per-unit state (PReLU) run whole, on the caller.
/// </summary>
internal sealed class DenseLayerPasses<T> : IRangeBody where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Ranges start on multiples of 16 units, so no two threads write one cache line of counts or db (as in <see cref="GemmEpilogue.Group"/>).</summary>
    private const int UnitAlignment = GemmEpilogue.Group;

    private readonly IActivation<T> _activation;
    private readonly IElementwiseActivation<T>? _elementwise;
    private readonly int[] _counts;
    private bool _backward;
    private int _rows;
    private T[] _z = [], _in = [], _out = [], _bias = [];

    public DenseLayerPasses(IActivation<T> activation)
    {
        _activation = activation;
        _elementwise = activation as IElementwiseActivation<T>;
        _counts = new int[activation.Units];
    }

    /// <summary>z += bias; adds the rows with z &gt; 0 to <paramref name="positiveCounts"/> (unless empty); output = f(z).</summary>
    public void Forward(Matrix<T> z, Matrix<T> output, T[] bias, Span<int> positiveCounts)
    {
        BeginForward(z, output, bias);
        RunOverUnits();
        EndForward(z, output, positiveCounts);
    }

    /// <summary>
    /// Sets up the forward pass so that <see cref="Run"/> can be handed to the product that computes z as its
    /// epilogue (<see cref="Gemm.Multiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, IRangeBody)"/>); finish with <see cref="EndForward"/>.
    /// </summary>
    public void BeginForward(Matrix<T> z, Matrix<T> output, T[] bias)
        => (_backward, _rows, _z, _out, _bias) = (false, z.RowCount, z.Data(), output.Data(), bias);

    /// <summary>The rest of a forward pass whose units have all been <see cref="Run"/>: a whole-matrix activation, the counts.</summary>
    public void EndForward(Matrix<T> z, Matrix<T> output, Span<int> positiveCounts)
    {
        if (_elementwise is null) _activation.Forward(z, output);
        if (!positiveCounts.IsEmpty)
            for (int j = 0; j < _counts.Length; j++) positiveCounts[j] += _counts[j];
        Release();
    }

    /// <summary>gradZ = gradOutput ⊙ f'(z) (and the activation's own parameter gradients); biasGradient += column sums of gradZ.</summary>
    public void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ, T[] biasGradient)
    {
        if (_elementwise is null) _activation.Backward(z, gradOutput, gradZ);
        (_backward, _rows, _z, _in, _out, _bias) = (true, z.RowCount, z.Data(), gradOutput.Data(), gradZ.Data(), biasGradient);
        RunOverUnits();
        Release();
    }

    /// <summary>Units [<paramref name="start"/>, <paramref name="end"/>) of the pass set up by Forward or Backward.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(int start, int end)
    {
        int first = start * _rows, length = (end - start) * _rows;
        if (_backward)
        {
            _elementwise?.Backward(_z.AsSpan(first, length), _in.AsSpan(first, length), _out.AsSpan(first, length));
            for (int j = start; j < end; j++)
                _bias[j] += Sum(_out.AsSpan(j * _rows, _rows));
            return;
        }
        for (int j = start; j < end; j++)
            _counts[j] = AddAndCountPositive(_z.AsSpan(j * _rows, _rows), _bias[j]);
        _elementwise?.Forward(_z.AsSpan(first, length), _out.AsSpan(first, length));
    }

    private void RunOverUnits() => ParallelRanges.Run(this, _counts.Length, UnitAlignment, (long)_rows * _counts.Length);

    // The layer's buffers stay referenced by the layer itself; dropping them here keeps this object from pinning
    // a batch size's matrices after the layer has moved on.
    private void Release() => (_z, _in, _out, _bias) = ([], [], [], []);

    /// <summary>column += b; returns how many of the results are &gt; 0 (counted in T lanes, exact up to 2^24 rows for float).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddAndCountPositive(Span<T> column, T b)
    {
        int positive = 0, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var biasVector = new Vector<T>(b);
            var lanes = Vector<T>.Zero;
            ref T c0 = ref MemoryMarshal.GetReference(column); // by offset: slicing a span per vector costs ~40 %
            for (; i + Vector<T>.Count <= column.Length; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref c0, (nuint)i) + biasVector;
                v.StoreUnsafe(ref c0, (nuint)i);
                lanes += Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);
            }
            positive = int.CreateTruncating(Vector.Sum(lanes));
        }
        for (; i < column.Length; i++)
        {
            T v = column[i] + b;
            column[i] = v;
            if (v > T.Zero) positive++;
        }
        return positive;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Sum(ReadOnlySpan<T> values)
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lanes = Vector<T>.Zero;
            ref T v0 = ref MemoryMarshal.GetReference(values);
            for (; i + Vector<T>.Count <= values.Length; i += Vector<T>.Count) lanes += Vector.LoadUnsafe(ref v0, (nuint)i);
            sum = Vector.Sum(lanes);
        }
        for (; i < values.Length; i++) sum += values[i];
        return sum;
    }
}
