using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded strips the micro-kernels read:
/// A as MR-row strips (for each k, MR consecutive rows), B as NR-column strips (for each k, NR consecutive columns).
/// Packing makes every kernel load sequential and aligned, and the zero padding lets edge tiles run the full kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    private const int RunsAhead = 2;

    /// <summary>Packs the mc × kc block of op(A) starting at <paramref name="a"/> into strips of <paramref name="mr"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(GemmOperand<T> a, int mc, int kc, int mr, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!a.Transposed)
        {
            // A's columns are contiguous in i: read each column once, handing mr-long pieces to the strips.
            CopyAcross(a.Ptr, a.Ld, mc, kc, mr, dst, 0, kc);
            return;
        }
        // op(A) = Aᵀ: each row of op(A) is a contiguous column of A, written across the strip (a transpose).
        TransposeAcross(a.Ptr, a.Ld, mc, kc, mr, dst);
    }

    /// <summary>Packs the kc × nc block of op(B) starting at <paramref name="b"/> into strips of <paramref name="nr"/> columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(GemmOperand<T> b, int kc, int nc, int nr, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.Transposed)
        {
            // op(B) = Bᵀ: the values for one k are a contiguous row piece of B.
            CopyAcross(b.Ptr, b.Ld, nc, kc, nr, dst, 0, kc);
            return;
        }
        // B's columns are contiguous in k: written across each strip (a transpose).
        TransposeAcross(b.Ptr, b.Ld, nc, kc, nr, dst);
    }

    /// <summary>
    /// The transposing counterpart of <see cref="CopyAcross"/>: <paramref name="length"/> source runs src + t·ld, each
    /// <paramref name="kc"/> long, go <paramref name="width"/> at a time into strips of width × kc (run t lands in
    /// column t mod width of its strip), the last strip zero-padded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeAcross<T>(T* src, nint ld, int length, int kc, int width, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int t0 = 0; t0 < length; t0 += width, dst += (nint)width * kc)
        {
            int runs = Math.Min(width, length - t0);
            Transpose(src + t0 * ld, ld, runs, kc, dst, width);
            for (int t = runs; t < width; t++)
                for (int p = 0; p < kc; p++) dst[(nint)p * width + t] = T.Zero;
        }
    }

    /// <summary>
    /// Packs depths <paramref name="p0"/> ≤ p &lt; <paramref name="p1"/> of a block whose packed form is a copy
    /// (an untransposed A, or a transposed B; see <see cref="IsCopy"/>) into the same place <see cref="PackA{T}"/> or
    /// <see cref="PackB{T}"/> would put them, so that threads can share one pack by depth ranges, each reading
    /// whole runs of the source instead of a strip's short piece of every run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackCopyDepths<T>(GemmOperand<T> op, int length, int kc, int width, T* dst, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
        => CopyAcross(op.Ptr, op.Ld, length, kc, width, dst, p0, p1);

    /// <summary>Whether packing this operand as A (or as B) is a straight copy of runs rather than a transpose.</summary>
    public static bool IsCopy<T>(GemmOperand<T> op, bool asA) where T : unmanaged, IFloatingPointIeee754<T>
        => asA ? !op.Transposed : op.Transposed;

    /// <summary>
    /// For source runs src + p·ld with <paramref name="p0"/> ≤ p &lt; <paramref name="p1"/> (of a block
    /// <paramref name="kc"/> deep, each run <paramref name="length"/> long), cuts the run into pieces of
    /// <paramref name="width"/> and stores piece t at dst + t·width·kc + p·width, zero-padding the last.
    /// Reading each run once, front to back, uses every cache line it touches; the run two ahead is prefetched,
    /// because runs are a leading dimension apart (often a whole page) and the hardware prefetcher does not follow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyAcross<T>(T* src, nint ld, int length, int kc, int width, T* dst, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint stripSize = (nint)width * kc;
        int runBytes = length * sizeof(T);
        for (int p = p0; p < p1; p++)
        {
            T* run = src + p * ld;
            if (Sse.IsSupported && p + RunsAhead < p1)
            {
                byte* next = (byte*)(run + RunsAhead * ld);
                for (int offset = 0; offset < runBytes; offset += 64) Sse.Prefetch0(next + offset);
            }
            T* d = dst + (nint)p * width;
            int t0 = 0;
            for (; t0 + width <= length; t0 += width, d += stripSize)
                Copy(run + t0, d, width);
            if (t0 < length)
            {
                int rest = length - t0;
                Copy(run + t0, d, rest);
                for (int i = rest; i < width; i++) d[i] = T.Zero;
            }
        }
    }

    /// <summary>
    /// dst[p·stride + j] = src[j·ld + p] for j &lt; count, p &lt; kc: <paramref name="count"/> contiguous source runs
    /// written across. For float, 16 × 16 blocks go through 512-bit registers where AVX-512 is there
    /// (<see cref="TransposeSixteen"/>), then 8 × 8 blocks through 256-bit ones (<see cref="TransposeEight"/>), then
    /// 4 × 4 blocks in SSE registers (four loads and four stores per sixteen values instead of sixteen of each); the
    /// rest goes element by element.
    /// </summary>
    private static void Transpose<T>(T* src, nint ld, int count, int kc, T* dst, int stride) where T : unmanaged
    {
        int j = 0;
        if (typeof(T) == typeof(float) && TransposeSixteen.IsSupported)
            for (; j + 16 <= count; j += 16)
                TransposeSixteen.Run((float*)(src + j * ld), ld, kc, (float*)(dst + j), stride);
        if (typeof(T) == typeof(float) && TransposeEight.IsSupported)
            for (; j + 8 <= count; j += 8)
            {
                float* s0 = (float*)(src + j * ld);
                nint l = ld;
                TransposeEight.Run(s0, s0 + l, s0 + 2 * l, s0 + 3 * l, s0 + 4 * l, s0 + 5 * l, s0 + 6 * l, s0 + 7 * l, kc, (float*)(dst + j), stride);
            }
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            for (; j + 4 <= count; j += 4)
            {
                float* s0 = (float*)(src + j * ld), s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
                float* d = (float*)(dst + j);
                int p = 0;
                for (; p + 4 <= kc; p += 4)
                {
                    Vector128<float> c0 = Sse.LoadVector128(s0 + p), c1 = Sse.LoadVector128(s1 + p);
                    Vector128<float> c2 = Sse.LoadVector128(s2 + p), c3 = Sse.LoadVector128(s3 + p);
                    Vector128<float> t0 = Sse.UnpackLow(c0, c1), t1 = Sse.UnpackLow(c2, c3);
                    Vector128<float> t2 = Sse.UnpackHigh(c0, c1), t3 = Sse.UnpackHigh(c2, c3);
                    float* row = d + (nint)p * stride;
                    Sse.Store(row, Sse.MoveLowToHigh(t0, t1));
                    Sse.Store(row + stride, Sse.MoveHighToLow(t1, t0));
                    Sse.Store(row + 2 * stride, Sse.MoveLowToHigh(t2, t3));
                    Sse.Store(row + 3 * stride, Sse.MoveHighToLow(t3, t2));
                }
                for (; p < kc; p++)
                {
                    float* row = d + (nint)p * stride;
                    row[0] = s0[p]; row[1] = s1[p]; row[2] = s2[p]; row[3] = s3[p];
                }
            }
        }
        for (; j < count; j++)
            Scatter(src + j * ld, dst + j, kc, stride);
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
        // A 12-wide strip piece is 8 + 4 floats: its tail is one 128-bit move, not four element copies.
        if (Vector128.IsHardwareAccelerated)
            for (; i + Vector128<T>.Count <= count; i += Vector128<T>.Count)
                Vector128.Load(src + i).Store(dst + i);
        for (; i < count; i++) dst[i] = src[i];
    }
}
