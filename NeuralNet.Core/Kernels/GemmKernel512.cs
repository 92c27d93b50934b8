using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// AVX-512 micro-kernel: a (2·W) × 12 tile of C (W = 16 floats or 8 doubles per register) held in 24 of the
/// 32 zmm registers. Per step of k: two loads of A, twelve broadcasts of B, 24 FMAs — enough independent
/// FMAs to cover their latency on both FMA ports.
/// </summary>
internal readonly unsafe struct GemmKernel512<T> : IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 2 * Vector512<T>.Count;

    public static int NR => 12;

    /// <remarks>
    /// .NET reports <see cref="Vector512.IsHardwareAccelerated"/> false on Skylake-X/Cascade Lake because 512-bit code
    /// lowers their clock; for a dense FMA loop the doubled width still wins by far, so the instruction set decides.
    /// </remarks>
    public static bool IsSupported => (Vector512.IsHardwareAccelerated || Avx512F.IsSupported)
        && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint lda, T* b, T* c, nint ldc, bool accumulate)
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector512<T> c06 = default, c07 = default, c08 = default, c09 = default, c0A = default, c0B = default;
        Vector512<T> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        Vector512<T> c16 = default, c17 = default, c18 = default, c19 = default, c1A = default, c1B = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> a0 = Vector512.Load(a);
            Vector512<T> a1 = Vector512.Load(a + w);
            Vector512<T> bv;
            bv = Vector512.Create(b[0]); c00 = Fma(a0, bv, c00); c10 = Fma(a1, bv, c10);
            bv = Vector512.Create(b[1]); c01 = Fma(a0, bv, c01); c11 = Fma(a1, bv, c11);
            bv = Vector512.Create(b[2]); c02 = Fma(a0, bv, c02); c12 = Fma(a1, bv, c12);
            bv = Vector512.Create(b[3]); c03 = Fma(a0, bv, c03); c13 = Fma(a1, bv, c13);
            bv = Vector512.Create(b[4]); c04 = Fma(a0, bv, c04); c14 = Fma(a1, bv, c14);
            bv = Vector512.Create(b[5]); c05 = Fma(a0, bv, c05); c15 = Fma(a1, bv, c15);
            bv = Vector512.Create(b[6]); c06 = Fma(a0, bv, c06); c16 = Fma(a1, bv, c16);
            bv = Vector512.Create(b[7]); c07 = Fma(a0, bv, c07); c17 = Fma(a1, bv, c17);
            bv = Vector512.Create(b[8]); c08 = Fma(a0, bv, c08); c18 = Fma(a1, bv, c18);
            bv = Vector512.Create(b[9]); c09 = Fma(a0, bv, c09); c19 = Fma(a1, bv, c19);
            bv = Vector512.Create(b[10]); c0A = Fma(a0, bv, c0A); c1A = Fma(a1, bv, c1A);
            bv = Vector512.Create(b[11]); c0B = Fma(a0, bv, c0B); c1B = Fma(a1, bv, c1B);
            a += lda;
            b += 12;
        }
        Store(c, w, c00, c10, accumulate); c += ldc;
        Store(c, w, c01, c11, accumulate); c += ldc;
        Store(c, w, c02, c12, accumulate); c += ldc;
        Store(c, w, c03, c13, accumulate); c += ldc;
        Store(c, w, c04, c14, accumulate); c += ldc;
        Store(c, w, c05, c15, accumulate); c += ldc;
        Store(c, w, c06, c16, accumulate); c += ldc;
        Store(c, w, c07, c17, accumulate); c += ldc;
        Store(c, w, c08, c18, accumulate); c += ldc;
        Store(c, w, c09, c19, accumulate); c += ldc;
        Store(c, w, c0A, c1A, accumulate); c += ldc;
        Store(c, w, c0B, c1B, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunInPlaceB(int kc, T* a, nint lda, T* b, nint ldb, int cols, T* c, nint ldc, bool accumulate)
    {
        int w = Vector512<T>.Count;
        T* b0 = b, b1 = b + Column(1, cols, ldb), b2 = b + Column(2, cols, ldb), b3 = b + Column(3, cols, ldb);
        T* b4 = b + Column(4, cols, ldb), b5 = b + Column(5, cols, ldb), b6 = b + Column(6, cols, ldb), b7 = b + Column(7, cols, ldb);
        T* b8 = b + Column(8, cols, ldb), b9 = b + Column(9, cols, ldb), bA = b + Column(10, cols, ldb), bB = b + Column(11, cols, ldb);
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector512<T> c06 = default, c07 = default, c08 = default, c09 = default, c0A = default, c0B = default;
        Vector512<T> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        Vector512<T> c16 = default, c17 = default, c18 = default, c19 = default, c1A = default, c1B = default;
        for (nint p = 0; p < kc; p++)
        {
            Vector512<T> a0 = Vector512.Load(a);
            Vector512<T> a1 = Vector512.Load(a + w);
            Vector512<T> bv;
            bv = Vector512.Create(b0[p]); c00 = Fma(a0, bv, c00); c10 = Fma(a1, bv, c10);
            bv = Vector512.Create(b1[p]); c01 = Fma(a0, bv, c01); c11 = Fma(a1, bv, c11);
            bv = Vector512.Create(b2[p]); c02 = Fma(a0, bv, c02); c12 = Fma(a1, bv, c12);
            bv = Vector512.Create(b3[p]); c03 = Fma(a0, bv, c03); c13 = Fma(a1, bv, c13);
            bv = Vector512.Create(b4[p]); c04 = Fma(a0, bv, c04); c14 = Fma(a1, bv, c14);
            bv = Vector512.Create(b5[p]); c05 = Fma(a0, bv, c05); c15 = Fma(a1, bv, c15);
            bv = Vector512.Create(b6[p]); c06 = Fma(a0, bv, c06); c16 = Fma(a1, bv, c16);
            bv = Vector512.Create(b7[p]); c07 = Fma(a0, bv, c07); c17 = Fma(a1, bv, c17);
            bv = Vector512.Create(b8[p]); c08 = Fma(a0, bv, c08); c18 = Fma(a1, bv, c18);
            bv = Vector512.Create(b9[p]); c09 = Fma(a0, bv, c09); c19 = Fma(a1, bv, c19);
            bv = Vector512.Create(bA[p]); c0A = Fma(a0, bv, c0A); c1A = Fma(a1, bv, c1A);
            bv = Vector512.Create(bB[p]); c0B = Fma(a0, bv, c0B); c1B = Fma(a1, bv, c1B);
            a += lda;
        }
        Store(c, w, c00, c10, accumulate); c += ldc;
        Store(c, w, c01, c11, accumulate); c += ldc;
        Store(c, w, c02, c12, accumulate); c += ldc;
        Store(c, w, c03, c13, accumulate); c += ldc;
        Store(c, w, c04, c14, accumulate); c += ldc;
        Store(c, w, c05, c15, accumulate); c += ldc;
        Store(c, w, c06, c16, accumulate); c += ldc;
        Store(c, w, c07, c17, accumulate); c += ldc;
        Store(c, w, c08, c18, accumulate); c += ldc;
        Store(c, w, c09, c19, accumulate); c += ldc;
        Store(c, w, c0A, c1A, accumulate); c += ldc;
        Store(c, w, c0B, c1B, accumulate);
    }

    private static nint Column(int j, int cols, nint ldb) => GemmKernel256<T>.Column(j, cols, ldb);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(T* c, int w, Vector512<T> lo, Vector512<T> hi, bool accumulate)
    {
        if (accumulate)
        {
            lo += Vector512.Load(c);
            hi += Vector512.Load(c + w);
        }
        lo.Store(c);
        hi.Store(c + w);
    }

    /// <summary>a·b + c with one rounding; the type tests fold away per instantiation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}
