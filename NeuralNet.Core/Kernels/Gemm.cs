using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// The one seam through which every matrix product of training runs. Layers call these three products
/// (forward, weight gradient, input gradient) on preallocated MathNet matrices; the implementation behind
/// them can change without touching a layer.
/// </summary>
/// <remarks>
/// With <c>accumulate</c> set, the product is added to <c>result</c> (C += A·B), which is how parameter
/// gradients accumulate across backward calls.
/// float and double run a blocked, packed SIMD multiply (AVX-512 where available, else 256-bit vectors, else
/// scalar), threaded over tiles when the product is large, and allocate nothing after the first call of a thread.
/// Other element types are not supported. <c>result</c> must be a different matrix from both operands.
/// </remarks>
public static class Gemm
{
    /// <summary>
    /// Most threads one multiply may use (the caller included); default: every core (<see cref="Environment.ProcessorCount"/>).
    /// 1 keeps every multiply on the calling thread. Small products always stay on one thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If set to a value below 1.</exception>
    public static int MaxThreads
    {
        get => GemmEngine.MaxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            GemmEngine.MaxThreads = value;
        }
    }

    /// <summary>result = a · b (or result += a · b when <paramref name="accumulate"/>).</summary>
    /// <exception cref="ArgumentException">If the shapes do not fit, a matrix is not dense, or result aliases an operand.</exception>
    /// <exception cref="NotSupportedException">If <typeparamref name="T"/> is neither float nor double.</exception>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(a, b, result, a.RowCount, a.ColumnCount, b.RowCount, b.ColumnCount, "a · b");
        Run(a, false, b, false, result, a.RowCount, b.ColumnCount, a.ColumnCount, accumulate);
    }

    /// <summary>
    /// result = a · b, then <paramref name="epilogue"/> over result's columns, each group of columns as soon as it is
    /// final and on a thread that has it in cache (<see cref="GemmEpilogue"/>): a layer's bias and activation.
    /// </summary>
    internal static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, IRangeBody epilogue)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(a, b, result, a.RowCount, a.ColumnCount, b.RowCount, b.ColumnCount, "a · b");
        Run(a, false, b, false, result, a.RowCount, b.ColumnCount, a.ColumnCount, false, epilogue);
    }

    /// <summary>result = aᵀ · b (or result += aᵀ · b when <paramref name="accumulate"/>).</summary>
    /// <exception cref="ArgumentException">If the shapes do not fit, a matrix is not dense, or result aliases an operand.</exception>
    /// <exception cref="NotSupportedException">If <typeparamref name="T"/> is neither float nor double.</exception>
    public static void TransposeThisAndMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(a, b, result, a.ColumnCount, a.RowCount, b.RowCount, b.ColumnCount, "aᵀ · b");
        Run(a, true, b, false, result, a.ColumnCount, b.ColumnCount, a.RowCount, accumulate);
    }

    /// <summary>result = a · bᵀ (or result += a · bᵀ when <paramref name="accumulate"/>).</summary>
    /// <exception cref="ArgumentException">If the shapes do not fit, a matrix is not dense, or result aliases an operand.</exception>
    /// <exception cref="NotSupportedException">If <typeparamref name="T"/> is neither float nor double.</exception>
    public static void TransposeAndMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(a, b, result, a.RowCount, a.ColumnCount, b.ColumnCount, b.RowCount, "a · bᵀ");
        Run(a, false, b, true, result, a.RowCount, b.RowCount, a.ColumnCount, accumulate);
    }

    /// <summary>
    /// The two gradient products of a dense layer's backward pass: <paramref name="weightGradient"/> = inputᵀ · gradZ
    /// (or += when <paramref name="accumulate"/>) and <paramref name="inputGradient"/> = gradZ · weightsᵀ. They are
    /// independent, so they may run side by side, one per thread, where that measured faster than one after the other;
    /// the results are the same bits either way.
    /// </summary>
    /// <exception cref="ArgumentException">If the shapes do not fit, a matrix is not dense, or a result aliases an operand.</exception>
    /// <exception cref="NotSupportedException">If <typeparamref name="T"/> is neither float nor double.</exception>
    public static void WeightAndInputGradients<T>(Matrix<T> input, Matrix<T> gradZ, Matrix<T> weights, Matrix<T> weightGradient,
        bool accumulate, Matrix<T> inputGradient) where T : struct, IFloatingPointIeee754<T>
    {
        Check(input, gradZ, weightGradient, input.ColumnCount, input.RowCount, gradZ.RowCount, gradZ.ColumnCount, "aᵀ · b");
        Check(gradZ, weights, inputGradient, gradZ.RowCount, gradZ.ColumnCount, weights.ColumnCount, weights.RowCount, "a · bᵀ");
        if (ReferenceEquals(weightGradient, inputGradient))
            throw new ArgumentException("Expected the weight gradient and the input gradient in different matrices.", nameof(inputGradient));
        int rows = input.RowCount, inputs = input.ColumnCount, units = gradZ.ColumnCount;
        if (GemmReference.Enabled || !GemmPair.MayPay((long)inputs * units * rows, (long)rows * inputs * units))
        {
            // The products in turn, exactly as the two single calls (tiny layers pay nothing for the pair's set-up).
            Run(input, true, gradZ, false, weightGradient, inputs, units, rows, accumulate);
            Run(gradZ, false, weights, true, inputGradient, rows, inputs, units, false);
            return;
        }
        if (typeof(T) == typeof(float))
            Pair<float>((Matrix<float>)(object)input, (Matrix<float>)(object)gradZ, (Matrix<float>)(object)weights,
                (Matrix<float>)(object)weightGradient, accumulate, (Matrix<float>)(object)inputGradient);
        else if (typeof(T) == typeof(double))
            Pair<double>((Matrix<double>)(object)input, (Matrix<double>)(object)gradZ, (Matrix<double>)(object)weights,
                (Matrix<double>)(object)weightGradient, accumulate, (Matrix<double>)(object)inputGradient);
        else
            throw new NotSupportedException($"Gemm supports float and double matrices; received {typeof(T).Name}.");
    }

    private static void Pair<T>(Matrix<T> x, Matrix<T> dz, Matrix<T> w, Matrix<T> dw, bool accumulate, Matrix<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
        => GemmPair.Multiply(
            new GemmCall<T>(x.ColumnCount, dz.ColumnCount, x.RowCount, x.Data(), x.RowCount, true, dz.Data(), dz.RowCount, false,
                dw.Data(), dw.RowCount, accumulate),
            new GemmCall<T>(dz.RowCount, w.RowCount, dz.ColumnCount, dz.Data(), dz.RowCount, false, w.Data(), w.RowCount, true,
                dx.Data(), dx.RowCount, false));

    // (aRows × aCols) of op(a) times (bRows × bCols) of op(b).
    private static void Check<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, int aRows, int aCols, int bRows, int bCols, string product)
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(result);
        if (aCols != bRows)
            throw new ArgumentException($"For {product}, expected the inner dimensions to agree; received {aRows}×{aCols} times {bRows}×{bCols}.", nameof(b));
        if (result.RowCount != aRows || result.ColumnCount != bCols)
            throw new ArgumentException($"For {product}, expected a {aRows}×{bCols} result; received {result.RowCount}×{result.ColumnCount}.", nameof(result));
        if (ReferenceEquals(result, a) || ReferenceEquals(result, b))
            throw new ArgumentException($"For {product}, expected a result matrix distinct from the operands.", nameof(result));
    }

    private static void Run<T>(Matrix<T> a, bool transA, Matrix<T> b, bool transB, Matrix<T> result, int m, int n, int k, bool accumulate,
        IRangeBody? epilogue = null)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (GemmReference.Enabled)
        {
            GemmReference.Run(a, transA, b, transB, result, accumulate);
            if (epilogue is not null) GemmEpilogue.RunAfter(epilogue, m, n);
            return;
        }
        T[] da = a.Data(), db = b.Data(), dc = result.Data();
        // The type tests fold away per instantiation; the casts are reference conversions of the same array.
        if (typeof(T) == typeof(float))
            GemmEngine.Multiply(m, n, k, (float[])(object)da, a.RowCount, transA, (float[])(object)db, b.RowCount, transB,
                (float[])(object)dc, result.RowCount, accumulate, epilogue);
        else if (typeof(T) == typeof(double))
            GemmEngine.Multiply(m, n, k, (double[])(object)da, a.RowCount, transA, (double[])(object)db, b.RowCount, transB,
                (double[])(object)dc, result.RowCount, accumulate, epilogue);
        else
            throw new NotSupportedException($"Gemm supports float and double matrices; received {typeof(T).Name}.");
    }
}
