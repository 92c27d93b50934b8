using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// A register-blocked micro-kernel: one MR × NR tile of C from a packed MR-row strip of A and a packed NR-column
/// strip of B. Static abstract members let the driver be specialised per kernel by the JIT (no virtual calls).
/// </summary>
internal unsafe interface IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of the C tile (a multiple of the vector width).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the C tile.</summary>
    static abstract int NR { get; }

    /// <summary>
    /// c[i + j·ldc] = (accumulate ? c[i + j·ldc] : 0) + Σ_p a[p·lda + i]·b[p·NR + j] for i &lt; MR, j &lt; NR.
    /// <paramref name="lda"/> is MR for a packed strip of A, or A's leading dimension when a column-major A is read
    /// in place (its MR rows of one column are already contiguous, so packing would only copy them).
    /// </summary>
    static abstract void Run(int kc, T* a, nint lda, T* b, T* c, nint ldc, bool accumulate);

    /// <summary>
    /// As <see cref="Run"/>, but B is an untransposed, column-major block read in place: b[p + j·ldb] for p &lt; kc,
    /// j &lt; NR. Only the first <paramref name="cols"/> columns exist; the kernel reads column cols − 1 in place of
    /// the rest, and the caller keeps only the valid columns of C. Reading B in place saves the transposing pack of
    /// a column-major B (the forward product's W): a broadcast is a scalar load, which need not be contiguous.
    /// </summary>
    static abstract void RunInPlaceB(int kc, T* a, nint lda, T* b, nint ldb, int cols, T* c, nint ldc, bool accumulate);
}
