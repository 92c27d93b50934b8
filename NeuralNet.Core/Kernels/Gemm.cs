using System.Numerics;
using System.Runtime.CompilerServices;
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
/// </remarks>
public static class Gemm
{
    /// <summary>result = a · b (or result += a · b when <paramref name="accumulate"/>).</summary>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (!accumulate) { a.Multiply(b, result); return; }
        var scratch = Scratch<T>.For(result);
        a.Multiply(b, scratch);
        result.Add(scratch, result);
    }

    /// <summary>result = aᵀ · b (or result += aᵀ · b when <paramref name="accumulate"/>).</summary>
    public static void TransposeThisAndMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (!accumulate) { a.TransposeThisAndMultiply(b, result); return; }
        var scratch = Scratch<T>.For(result);
        a.TransposeThisAndMultiply(b, scratch);
        result.Add(scratch, result);
    }

    /// <summary>result = a · bᵀ (or result += a · bᵀ when <paramref name="accumulate"/>).</summary>
    public static void TransposeAndMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (!accumulate) { a.TransposeAndMultiply(b, result); return; }
        var scratch = Scratch<T>.For(result);
        a.TransposeAndMultiply(b, scratch);
        result.Add(scratch, result);
    }

    // One scratch matrix per result matrix, created on first use, so accumulation allocates nothing after warm-up.
    private static class Scratch<T> where T : struct, IFloatingPointIeee754<T>
    {
        private static readonly ConditionalWeakTable<Matrix<T>, Matrix<T>> Table = new();

        public static Matrix<T> For(Matrix<T> result)
            => Table.GetValue(result, r => Matrix<T>.Build.Dense(r.RowCount, r.ColumnCount));
    }
}
