using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// The products done by MathNet's managed provider, as before the fast kernels: an independent reference for
/// tests ("training through the fast path gives the same losses"). Slow, and allocates when accumulating.
/// </summary>
internal static class GemmReference
{
    /// <summary>Route <see cref="Gemm"/> through MathNet instead of the fast kernels (tests only).</summary>
    internal static bool Enabled { get; set; }

    public static void Run<T>(Matrix<T> a, bool transA, Matrix<T> b, bool transB, Matrix<T> result, bool accumulate)
        where T : struct, IFloatingPointIeee754<T>
    {
        var product = (transA, transB) switch
        {
            (false, false) => a.Multiply(b),
            (true, false) => a.TransposeThisAndMultiply(b),
            (false, true) => a.TransposeAndMultiply(b),
            _ => a.TransposeThisAndMultiply(b.Transpose()),
        };
        if (accumulate) result.Add(product, result);
        else product.CopyTo(result);
    }
}
