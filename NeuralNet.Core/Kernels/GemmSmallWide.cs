using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// <see cref="GemmSmall"/>'s route on AVX-512: one 512-bit register holds a whole column of a 16-row float batch
/// (8-row double), so a column of C is one register and a tile of up to 8 columns is 8 independent FMA chains.
/// Rows past the last full register are masked, never read or written. Every product is brought to the column form
/// C[:, j] = Σ_p A[:, p] · op(B)[p, j]: for aᵀ·b (a layer's weight gradient) the small A is first transposed into a
/// per-thread buffer, which replaces a horizontal sum per element of C with one transposing copy of A.
/// </summary>
internal static unsafe class GemmSmallWide
{
    /// <summary>Whether the route runs on this CPU for <typeparamref name="T"/> (float or double with AVX-512F).</summary>
    public static bool IsSupported<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Avx512F.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>C (m × n, ldc) = op(A)·op(B), or += when <paramref name="accumulate"/>; op(A) and op(B) not both transposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* columns = a.Ptr;
        nint lda = a.Ld;
        if (a.Transposed)
        {
            columns = Scratch<T>.Get((long)m * k);
            Transpose(a.Ptr, a.Ld, k, m, columns);
            lda = m;
        }
        // op(B)[p, j] = B[p · bStep + j · bNext]: a column of B, or a row of B when it is transposed.
        nint bStep = b.Transposed ? b.Ld : 1, bNext = b.Transposed ? 1 : b.Ld;
        int w = Vector512<T>.Count, i = 0;
        // Two registers of rows per tile while more than one remains (each broadcast of B then feeds two FMAs).
        for (; m - i > w; i += 2 * w)
        {
            Vector512<T> lower = Mask<T>(Math.Min(w, m - i - w));
            for (int j = 0; j < n; j += 8)
            {
                int cols = Math.Min(8, n - j);
                if (cols > 4) Tile2x8(k, lower, columns + i, lda, b.Ptr + j * bNext, bStep, bNext, cols, c + i + j * ldc, ldc, accumulate);
                else Tile2x4(k, lower, columns + i, lda, b.Ptr + j * bNext, bStep, bNext, cols, c + i + j * ldc, ldc, accumulate);
            }
        }
        if (i < m)
        {
            Vector512<T> rows = Mask<T>(m - i);
            for (int j = 0; j < n; j += 8)
            {
                int cols = Math.Min(8, n - j);
                if (cols > 4) Tile8(k, rows, columns + i, lda, b.Ptr + j * bNext, bStep, bNext, cols, c + i + j * ldc, ldc, accumulate);
                else Tile4(k, rows, columns + i, lda, b.Ptr + j * bNext, bStep, bNext, cols, c + i + j * ldc, ldc, accumulate);
            }
        }
    }

    /// <summary>As <see cref="Tile8{T}"/> for two registers of rows: a full one, then <paramref name="lower"/>'s rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile2x8<T>(int k, Vector512<T> lower, T* a, nint lda, T* b, nint bStep, nint bNext, int cols, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        T* b0 = b, b1 = b + bNext, b2 = b1 + bNext, b3 = b2 + bNext, b4 = b3 + bNext;
        T* b5 = b + Math.Min(5, cols - 1) * bNext, b6 = b + Math.Min(6, cols - 1) * bNext, b7 = b + Math.Min(7, cols - 1) * bNext;
        Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        Vector512<T> t0 = default, t1 = default, t2 = default, t3 = default, t4 = default, t5 = default, t6 = default, t7 = default;
        for (nint p = 0, q = 0; p < k; p++, q += bStep, a += lda)
        {
            Vector512<T> upper = Vector512.Load(a), low = Load(a + w, lower), bv;
            bv = Vector512.Create(b0[q]); s0 = GemmKernel512<T>.Fma(upper, bv, s0); t0 = GemmKernel512<T>.Fma(low, bv, t0);
            bv = Vector512.Create(b1[q]); s1 = GemmKernel512<T>.Fma(upper, bv, s1); t1 = GemmKernel512<T>.Fma(low, bv, t1);
            bv = Vector512.Create(b2[q]); s2 = GemmKernel512<T>.Fma(upper, bv, s2); t2 = GemmKernel512<T>.Fma(low, bv, t2);
            bv = Vector512.Create(b3[q]); s3 = GemmKernel512<T>.Fma(upper, bv, s3); t3 = GemmKernel512<T>.Fma(low, bv, t3);
            bv = Vector512.Create(b4[q]); s4 = GemmKernel512<T>.Fma(upper, bv, s4); t4 = GemmKernel512<T>.Fma(low, bv, t4);
            bv = Vector512.Create(b5[q]); s5 = GemmKernel512<T>.Fma(upper, bv, s5); t5 = GemmKernel512<T>.Fma(low, bv, t5);
            bv = Vector512.Create(b6[q]); s6 = GemmKernel512<T>.Fma(upper, bv, s6); t6 = GemmKernel512<T>.Fma(low, bv, t6);
            bv = Vector512.Create(b7[q]); s7 = GemmKernel512<T>.Fma(upper, bv, s7); t7 = GemmKernel512<T>.Fma(low, bv, t7);
        }
        Vector512<T> all = Vector512<T>.AllBitsSet;
        Store(c, all, s0, accumulate); Store(c + w, lower, t0, accumulate);
        Store(c + ldc, all, s1, accumulate); Store(c + ldc + w, lower, t1, accumulate);
        Store(c + 2 * ldc, all, s2, accumulate); Store(c + 2 * ldc + w, lower, t2, accumulate);
        Store(c + 3 * ldc, all, s3, accumulate); Store(c + 3 * ldc + w, lower, t3, accumulate);
        Store(c + 4 * ldc, all, s4, accumulate); Store(c + 4 * ldc + w, lower, t4, accumulate);
        if (cols > 5) { Store(c + 5 * ldc, all, s5, accumulate); Store(c + 5 * ldc + w, lower, t5, accumulate); }
        if (cols > 6) { Store(c + 6 * ldc, all, s6, accumulate); Store(c + 6 * ldc + w, lower, t6, accumulate); }
        if (cols > 7) { Store(c + 7 * ldc, all, s7, accumulate); Store(c + 7 * ldc + w, lower, t7, accumulate); }
    }

    /// <summary>As <see cref="Tile2x8{T}"/> for 1 to 4 columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile2x4<T>(int k, Vector512<T> lower, T* a, nint lda, T* b, nint bStep, nint bNext, int cols, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        T* b0 = b, b1 = b + Math.Min(1, cols - 1) * bNext, b2 = b + Math.Min(2, cols - 1) * bNext, b3 = b + Math.Min(3, cols - 1) * bNext;
        Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default, t0 = default, t1 = default, t2 = default, t3 = default;
        for (nint p = 0, q = 0; p < k; p++, q += bStep, a += lda)
        {
            Vector512<T> upper = Vector512.Load(a), low = Load(a + w, lower), bv;
            bv = Vector512.Create(b0[q]); s0 = GemmKernel512<T>.Fma(upper, bv, s0); t0 = GemmKernel512<T>.Fma(low, bv, t0);
            bv = Vector512.Create(b1[q]); s1 = GemmKernel512<T>.Fma(upper, bv, s1); t1 = GemmKernel512<T>.Fma(low, bv, t1);
            bv = Vector512.Create(b2[q]); s2 = GemmKernel512<T>.Fma(upper, bv, s2); t2 = GemmKernel512<T>.Fma(low, bv, t2);
            bv = Vector512.Create(b3[q]); s3 = GemmKernel512<T>.Fma(upper, bv, s3); t3 = GemmKernel512<T>.Fma(low, bv, t3);
        }
        Vector512<T> all = Vector512<T>.AllBitsSet;
        Store(c, all, s0, accumulate); Store(c + w, lower, t0, accumulate);
        if (cols > 1) { Store(c + ldc, all, s1, accumulate); Store(c + ldc + w, lower, t1, accumulate); }
        if (cols > 2) { Store(c + 2 * ldc, all, s2, accumulate); Store(c + 2 * ldc + w, lower, t2, accumulate); }
        if (cols > 3) { Store(c + 3 * ldc, all, s3, accumulate); Store(c + 3 * ldc + w, lower, t3, accumulate); }
    }

    /// <summary>
    /// Up to 8 columns of C for one register of rows. Columns past <paramref name="cols"/> repeat the last real one
    /// (read, computed, never stored), so the loop has one shape for 5 to 8 columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8<T>(int k, Vector512<T> rows, T* a, nint lda, T* b, nint bStep, nint bNext, int cols, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* b0 = b, b1 = b + bNext, b2 = b1 + bNext, b3 = b2 + bNext, b4 = b3 + bNext;
        T* b5 = b + Math.Min(5, cols - 1) * bNext, b6 = b + Math.Min(6, cols - 1) * bNext, b7 = b + Math.Min(7, cols - 1) * bNext;
        Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (nint p = 0, q = 0; p < k; p++, q += bStep, a += lda)
        {
            Vector512<T> av = Load(a, rows);
            s0 = GemmKernel512<T>.Fma(av, Vector512.Create(b0[q]), s0);
            s1 = GemmKernel512<T>.Fma(av, Vector512.Create(b1[q]), s1);
            s2 = GemmKernel512<T>.Fma(av, Vector512.Create(b2[q]), s2);
            s3 = GemmKernel512<T>.Fma(av, Vector512.Create(b3[q]), s3);
            s4 = GemmKernel512<T>.Fma(av, Vector512.Create(b4[q]), s4);
            s5 = GemmKernel512<T>.Fma(av, Vector512.Create(b5[q]), s5);
            s6 = GemmKernel512<T>.Fma(av, Vector512.Create(b6[q]), s6);
            s7 = GemmKernel512<T>.Fma(av, Vector512.Create(b7[q]), s7);
        }
        Store(c, rows, s0, accumulate);
        Store(c + ldc, rows, s1, accumulate);
        Store(c + 2 * ldc, rows, s2, accumulate);
        Store(c + 3 * ldc, rows, s3, accumulate);
        Store(c + 4 * ldc, rows, s4, accumulate);
        if (cols > 5) Store(c + 5 * ldc, rows, s5, accumulate);
        if (cols > 6) Store(c + 6 * ldc, rows, s6, accumulate);
        if (cols > 7) Store(c + 7 * ldc, rows, s7, accumulate);
    }

    /// <summary>As <see cref="Tile8{T}"/> for 1 to 4 columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4<T>(int k, Vector512<T> rows, T* a, nint lda, T* b, nint bStep, nint bNext, int cols, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* b0 = b, b1 = b + Math.Min(1, cols - 1) * bNext, b2 = b + Math.Min(2, cols - 1) * bNext, b3 = b + Math.Min(3, cols - 1) * bNext;
        Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nint p = 0, q = 0; p < k; p++, q += bStep, a += lda)
        {
            Vector512<T> av = Load(a, rows);
            s0 = GemmKernel512<T>.Fma(av, Vector512.Create(b0[q]), s0);
            s1 = GemmKernel512<T>.Fma(av, Vector512.Create(b1[q]), s1);
            s2 = GemmKernel512<T>.Fma(av, Vector512.Create(b2[q]), s2);
            s3 = GemmKernel512<T>.Fma(av, Vector512.Create(b3[q]), s3);
        }
        Store(c, rows, s0, accumulate);
        if (cols > 1) Store(c + ldc, rows, s1, accumulate);
        if (cols > 2) Store(c + 2 * ldc, rows, s2, accumulate);
        if (cols > 3) Store(c + 3 * ldc, rows, s3, accumulate);
    }

    /// <summary>dst (cols × rows, column-major, ld = cols) = the transpose of src (rows × cols, ld = ldSrc).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose<T>(T* src, nint ldSrc, int rows, int cols, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0;
        if (typeof(T) == typeof(float) && TransposeEight.IsSupported)
        {
            // Eight columns of src (contiguous runs) become eight adjacent entries of each dst column.
            float* s = (float*)src;
            for (; c + 8 <= cols; c += 8)
                TransposeEight.Run(s + c * ldSrc, s + (c + 1) * ldSrc, s + (c + 2) * ldSrc, s + (c + 3) * ldSrc,
                    s + (c + 4) * ldSrc, s + (c + 5) * ldSrc, s + (c + 6) * ldSrc, s + (c + 7) * ldSrc, rows, (float*)dst + c, cols);
        }
        for (; c < cols; c++)
        {
            T* run = src + c * ldSrc;
            for (int r = 0; r < rows; r++) dst[c + (nint)r * cols] = run[r];
        }
    }

    /// <summary>All lanes below <paramref name="count"/> set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Mask<T>(int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).As<int, T>();
        return Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Load<T>(T* p, Vector512<T> mask) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
        return Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* c, Vector512<T> mask, Vector512<T> value, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate) value += Load(c, mask);
        if (typeof(T) == typeof(float)) Avx512F.MaskStore((float*)c, mask.AsSingle(), value.AsSingle());
        else Avx512F.MaskStore((double*)c, mask.AsDouble(), value.AsDouble());
    }

    /// <summary>The per-thread buffer A is transposed into (pinned, grown on demand, then reused).</summary>
    private static class Scratch<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic] private static T[]? t_array;

        public static T* Get(long length) => GemmBuffers<T>.AlignedRegion(ref t_array, length);
    }
}
