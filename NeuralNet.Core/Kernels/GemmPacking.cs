using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded strips the micro-kernels read:
/// A as MR-row strips (for each k, MR consecutive rows), B as NR-column strips (for each k, NR consecutive columns).
/// Packing makes every kernel load sequential and aligned, and the zero padding lets edge tiles run the full kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs the mc × kc block of op(A) starting at <paramref name="a"/> into strips of <paramref name="mr"/> rows.</summary>
    public static void PackA<T>(GemmOperand<T> a, int mc, int kc, int mr, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i0 = 0; i0 < mc; i0 += mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - i0);
            T* src = a.Transposed ? a.Ptr + i0 * a.Ld : a.Ptr + i0;
            if (!a.Transposed)
            {
                // A's columns are contiguous in i: one short copy per k.
                for (int p = 0; p < kc; p++)
                {
                    T* d = dst + (nint)p * mr;
                    Copy(src + p * a.Ld, d, rows);
                    for (int i = rows; i < mr; i++) d[i] = T.Zero;
                }
            }
            else
            {
                // op(A) = Aᵀ: each row of op(A) is a contiguous column of A; read it sequentially, write with stride mr.
                for (int i = 0; i < rows; i++)
                    Scatter(src + i * a.Ld, dst + i, kc, mr);
                for (int i = rows; i < mr; i++)
                    for (int p = 0; p < kc; p++) dst[(nint)p * mr + i] = T.Zero;
            }
        }
    }

    /// <summary>Packs the kc × nc block of op(B) starting at <paramref name="b"/> into strips of <paramref name="nr"/> columns.</summary>
    public static void PackB<T>(GemmOperand<T> b, int kc, int nc, int nr, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j0 = 0; j0 < nc; j0 += nr, dst += (nint)nr * kc)
        {
            int cols = Math.Min(nr, nc - j0);
            T* src = b.Transposed ? b.Ptr + j0 : b.Ptr + j0 * b.Ld;
            if (!b.Transposed)
            {
                // B's columns are contiguous in k: read each sequentially, write with stride nr (a transpose).
                for (int j = 0; j < cols; j++)
                    Scatter(src + j * b.Ld, dst + j, kc, nr);
                for (int j = cols; j < nr; j++)
                    for (int p = 0; p < kc; p++) dst[(nint)p * nr + j] = T.Zero;
            }
            else
            {
                // op(B) = Bᵀ: the nr values for one k are contiguous in B.
                for (int p = 0; p < kc; p++)
                {
                    T* d = dst + (nint)p * nr;
                    Copy(src + p * b.Ld, d, cols);
                    for (int j = cols; j < nr; j++) d[j] = T.Zero;
                }
            }
        }
    }

    /// <summary>dst[p·stride] = src[p] for p &lt; count, unrolled by four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter<T>(T* src, T* dst, int count, int stride) where T : unmanaged
    {
        int p = 0;
        nint s = stride;
        for (; p + 4 <= count; p += 4, dst += 4 * s)
        {
            dst[0] = src[p];
            dst[s] = src[p + 1];
            dst[2 * s] = src[p + 2];
            dst[3 * s] = src[p + 3];
        }
        for (; p < count; p++, dst += s) dst[0] = src[p];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* src, T* dst, int count) where T : unmanaged
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + Vector512<T>.Count <= count; i += Vector512<T>.Count)
                Vector512.Load(src + i).Store(dst + i);
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<T>.Count <= count; i += Vector256<T>.Count)
                Vector256.Load(src + i).Store(dst + i);
        for (; i < count; i++) dst[i] = src[i];
    }
}
