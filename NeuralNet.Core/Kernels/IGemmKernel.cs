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
    /// c[i + j·ldc] = (accumulate ? c[i + j·ldc] : 0) + Σ_p a[p·MR + i]·b[p·NR + j] for i &lt; MR, j &lt; NR.
    /// <paramref name="a"/> must be aligned to 64 bytes.
    /// </summary>
    static abstract void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate);
}
