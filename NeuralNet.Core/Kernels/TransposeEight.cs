using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Eight float runs written across: dst[p·stride + c] = run c [p] for c &lt; 8, p &lt; length. Serves the GEMM's
/// transposing packs (runs a leading dimension apart) and the batch gather (runs = randomly chosen rows).
/// </summary>
internal static unsafe class TransposeEight
{
    /// <summary>Whether <see cref="Run"/> may be called (it needs AVX).</summary>
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// 8 × 8 blocks go through 256-bit registers: the upper halves are inserted straight from memory, so a block costs
    /// 16 shuffles for 64 values (half a 4 × 4 route's), and each output row is one 32-byte store.
    /// </summary>
    public static void Run(float* s0, float* s1, float* s2, float* s3, float* s4, float* s5, float* s6, float* s7,
        int length, float* dst, nint stride)
    {
        int p = 0;
        for (; p + 8 <= length; p += 8)
        {
            // rc holds runs c and c+4 (low and high lane) for p..p+3; r(c+4) the same for p+4..p+7.
            Vector256<float> r0 = Avx.InsertVector128(Sse.LoadVector128(s0 + p).ToVector256Unsafe(), Sse.LoadVector128(s4 + p), 1);
            Vector256<float> r1 = Avx.InsertVector128(Sse.LoadVector128(s1 + p).ToVector256Unsafe(), Sse.LoadVector128(s5 + p), 1);
            Vector256<float> r2 = Avx.InsertVector128(Sse.LoadVector128(s2 + p).ToVector256Unsafe(), Sse.LoadVector128(s6 + p), 1);
            Vector256<float> r3 = Avx.InsertVector128(Sse.LoadVector128(s3 + p).ToVector256Unsafe(), Sse.LoadVector128(s7 + p), 1);
            Vector256<float> r4 = Avx.InsertVector128(Sse.LoadVector128(s0 + p + 4).ToVector256Unsafe(), Sse.LoadVector128(s4 + p + 4), 1);
            Vector256<float> r5 = Avx.InsertVector128(Sse.LoadVector128(s1 + p + 4).ToVector256Unsafe(), Sse.LoadVector128(s5 + p + 4), 1);
            Vector256<float> r6 = Avx.InsertVector128(Sse.LoadVector128(s2 + p + 4).ToVector256Unsafe(), Sse.LoadVector128(s6 + p + 4), 1);
            Vector256<float> r7 = Avx.InsertVector128(Sse.LoadVector128(s3 + p + 4).ToVector256Unsafe(), Sse.LoadVector128(s7 + p + 4), 1);
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            float* row = dst + p * stride;
            Avx.Store(row, Avx.Shuffle(t0, t2, 0x44));
            Avx.Store(row + stride, Avx.Shuffle(t0, t2, 0xEE));
            Avx.Store(row + 2 * stride, Avx.Shuffle(t1, t3, 0x44));
            Avx.Store(row + 3 * stride, Avx.Shuffle(t1, t3, 0xEE));
            Avx.Store(row + 4 * stride, Avx.Shuffle(t4, t6, 0x44));
            Avx.Store(row + 5 * stride, Avx.Shuffle(t4, t6, 0xEE));
            Avx.Store(row + 6 * stride, Avx.Shuffle(t5, t7, 0x44));
            Avx.Store(row + 7 * stride, Avx.Shuffle(t5, t7, 0xEE));
        }
        for (; p < length; p++)
        {
            float* row = dst + p * stride;
            row[0] = s0[p]; row[1] = s1[p]; row[2] = s2[p]; row[3] = s3[p];
            row[4] = s4[p]; row[5] = s5[p]; row[6] = s6[p]; row[7] = s7[p];
        }
    }
}
