using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Portable micro-kernel without SIMD: a 4 × 4 tile of C in sixteen scalar accumulators. It is the reference the
/// vector kernels are tested against on the same packed data, and the path for CPUs without 256-bit vectors.
/// </summary>
internal readonly unsafe struct GemmKernelScalar<T> : IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;

    public static int NR => 4;

    public static void Run(int kc, T* a, nint lda, T* b, T* c, nint ldc, bool accumulate)
    {
        T c00 = T.Zero, c10 = T.Zero, c20 = T.Zero, c30 = T.Zero;
        T c01 = T.Zero, c11 = T.Zero, c21 = T.Zero, c31 = T.Zero;
        T c02 = T.Zero, c12 = T.Zero, c22 = T.Zero, c32 = T.Zero;
        T c03 = T.Zero, c13 = T.Zero, c23 = T.Zero, c33 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
            T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            c00 += a0 * b0; c10 += a1 * b0; c20 += a2 * b0; c30 += a3 * b0;
            c01 += a0 * b1; c11 += a1 * b1; c21 += a2 * b1; c31 += a3 * b1;
            c02 += a0 * b2; c12 += a1 * b2; c22 += a2 * b2; c32 += a3 * b2;
            c03 += a0 * b3; c13 += a1 * b3; c23 += a2 * b3; c33 += a3 * b3;
            a += lda;
            b += 4;
        }
        Store(c, c00, c10, c20, c30, accumulate); c += ldc;
        Store(c, c01, c11, c21, c31, accumulate); c += ldc;
        Store(c, c02, c12, c22, c32, accumulate); c += ldc;
        Store(c, c03, c13, c23, c33, accumulate);
    }

    public static void RunInPlaceB(int kc, T* a, nint lda, T* b, nint ldb, int cols, T* c, nint ldc, bool accumulate)
    {
        T* b0 = b, b1 = b + GemmKernel256<T>.Column(1, cols, ldb);
        T* b2 = b + GemmKernel256<T>.Column(2, cols, ldb), b3 = b + GemmKernel256<T>.Column(3, cols, ldb);
        T c00 = T.Zero, c10 = T.Zero, c20 = T.Zero, c30 = T.Zero;
        T c01 = T.Zero, c11 = T.Zero, c21 = T.Zero, c31 = T.Zero;
        T c02 = T.Zero, c12 = T.Zero, c22 = T.Zero, c32 = T.Zero;
        T c03 = T.Zero, c13 = T.Zero, c23 = T.Zero, c33 = T.Zero;
        for (nint p = 0; p < kc; p++)
        {
            T a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
            T v0 = b0[p], v1 = b1[p], v2 = b2[p], v3 = b3[p];
            c00 += a0 * v0; c10 += a1 * v0; c20 += a2 * v0; c30 += a3 * v0;
            c01 += a0 * v1; c11 += a1 * v1; c21 += a2 * v1; c31 += a3 * v1;
            c02 += a0 * v2; c12 += a1 * v2; c22 += a2 * v2; c32 += a3 * v2;
            c03 += a0 * v3; c13 += a1 * v3; c23 += a2 * v3; c33 += a3 * v3;
            a += lda;
        }
        Store(c, c00, c10, c20, c30, accumulate); c += ldc;
        Store(c, c01, c11, c21, c31, accumulate); c += ldc;
        Store(c, c02, c12, c22, c32, accumulate); c += ldc;
        Store(c, c03, c13, c23, c33, accumulate);
    }

    private static void Store(T* c, T v0, T v1, T v2, T v3, bool accumulate)
    {
        if (accumulate) { c[0] += v0; c[1] += v1; c[2] += v2; c[3] += v3; }
        else { c[0] = v0; c[1] = v1; c[2] = v2; c[3] = v3; }
    }
}
