using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// AVX2-class micro-kernel for CPUs without AVX-512: a (2·W) × 6 tile of C (W = 8 floats or 4 doubles) in 12 of
/// the 16 ymm registers, leaving room for two A loads and a broadcast.
/// </summary>
internal readonly unsafe struct GemmKernel256<T> : IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 2 * Vector256<T>.Count;

    public static int NR => 6;

    public static bool IsSupported => Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint lda, T* b, T* c, nint ldc, bool accumulate)
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector256<T> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> a0 = Vector256.Load(a);
            Vector256<T> a1 = Vector256.Load(a + w);
            Vector256<T> bv;
            bv = Vector256.Create(b[0]); c00 = Fma(a0, bv, c00); c10 = Fma(a1, bv, c10);
            bv = Vector256.Create(b[1]); c01 = Fma(a0, bv, c01); c11 = Fma(a1, bv, c11);
            bv = Vector256.Create(b[2]); c02 = Fma(a0, bv, c02); c12 = Fma(a1, bv, c12);
            bv = Vector256.Create(b[3]); c03 = Fma(a0, bv, c03); c13 = Fma(a1, bv, c13);
            bv = Vector256.Create(b[4]); c04 = Fma(a0, bv, c04); c14 = Fma(a1, bv, c14);
            bv = Vector256.Create(b[5]); c05 = Fma(a0, bv, c05); c15 = Fma(a1, bv, c15);
            a += lda;
            b += 6;
        }
        Store(c, w, c00, c10, accumulate); c += ldc;
        Store(c, w, c01, c11, accumulate); c += ldc;
        Store(c, w, c02, c12, accumulate); c += ldc;
        Store(c, w, c03, c13, accumulate); c += ldc;
        Store(c, w, c04, c14, accumulate); c += ldc;
        Store(c, w, c05, c15, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunInPlaceB(int kc, T* a, nint lda, T* b, nint ldb, int cols, T* c, nint ldc, bool accumulate)
    {
        int w = Vector256<T>.Count;
        T* b0 = b, b1 = b + Column(1, cols, ldb), b2 = b + Column(2, cols, ldb);
        T* b3 = b + Column(3, cols, ldb), b4 = b + Column(4, cols, ldb), b5 = b + Column(5, cols, ldb);
        Vector256<T> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector256<T> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        for (nint p = 0; p < kc; p++)
        {
            Vector256<T> a0 = Vector256.Load(a);
            Vector256<T> a1 = Vector256.Load(a + w);
            Vector256<T> bv;
            bv = Vector256.Create(b0[p]); c00 = Fma(a0, bv, c00); c10 = Fma(a1, bv, c10);
            bv = Vector256.Create(b1[p]); c01 = Fma(a0, bv, c01); c11 = Fma(a1, bv, c11);
            bv = Vector256.Create(b2[p]); c02 = Fma(a0, bv, c02); c12 = Fma(a1, bv, c12);
            bv = Vector256.Create(b3[p]); c03 = Fma(a0, bv, c03); c13 = Fma(a1, bv, c13);
            bv = Vector256.Create(b4[p]); c04 = Fma(a0, bv, c04); c14 = Fma(a1, bv, c14);
            bv = Vector256.Create(b5[p]); c05 = Fma(a0, bv, c05); c15 = Fma(a1, bv, c15);
            a += lda;
        }
        Store(c, w, c00, c10, accumulate); c += ldc;
        Store(c, w, c01, c11, accumulate); c += ldc;
        Store(c, w, c02, c12, accumulate); c += ldc;
        Store(c, w, c03, c13, accumulate); c += ldc;
        Store(c, w, c04, c14, accumulate); c += ldc;
        Store(c, w, c05, c15, accumulate);
    }

    /// <summary>Offset of in-place column j, or of the last valid one when j is past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static nint Column(int j, int cols, nint ldb) => (nint)Math.Min(j, cols - 1) * ldb;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(T* c, int w, Vector256<T> lo, Vector256<T> hi, bool accumulate)
    {
        if (accumulate)
        {
            lo += Vector256.Load(c);
            hi += Vector256.Load(c + w);
        }
        lo.Store(c);
        hi.Store(c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}
