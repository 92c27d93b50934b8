using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Sixteen float runs a leading dimension apart, written across: dst[p·stride + c] = src[c·ld + p] for c &lt; 16,
/// p &lt; length, or sixteen runs anywhere. The route on AVX-512 of the transposing packs (a first layer's weight
/// gradient packs all of xᵀ this way on each core) and of the batch gather: a 16 × 16 block is sixteen 64-byte loads, 64 in-register shuffles and sixteen 64-byte stores, against
/// <see cref="TransposeEight"/>'s 32 half-width loads with inserts and 32 half-width stores for the same 256 values.
/// </summary>
internal static unsafe class TransposeSixteen
{
    /// <summary>Whether the routes of this class may be called (they need AVX-512F).</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Runs src + c·ld for c &lt; 16, each <paramref name="length"/> long, into rows of <paramref name="dst"/> <paramref name="stride"/> apart.</summary>
    public static void Run(float* src, nint ld, int length, float* dst, nint stride) => Run(new Strided(src, ld), length, dst, stride);

    /// <summary>Runs <paramref name="runs"/>[c] for c &lt; 16 (anywhere: a batch's randomly chosen rows), as the strided overload.</summary>
    public static void Run(float** runs, int length, float* dst, nint stride) => Run(new Listed(runs), length, dst, stride);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TRuns>(TRuns runs, int length, float* dst, nint stride) where TRuns : struct, IRuns
    {
        int p = 0;
        for (; p + 16 <= length; p += 16)
        {
            // Pairs of runs interleaved by element, then by element pair: Lo/Hi(a, b) hold, in 128-bit lane L, four runs
            // at position 4L + j.
            Vector512<float> a0 = Avx512F.UnpackLow(Load(runs, 0, p), Load(runs, 1, p)), b0 = Avx512F.UnpackHigh(Load(runs, 0, p), Load(runs, 1, p));
            Vector512<float> a1 = Avx512F.UnpackLow(Load(runs, 2, p), Load(runs, 3, p)), b1 = Avx512F.UnpackHigh(Load(runs, 2, p), Load(runs, 3, p));
            Vector512<float> a2 = Avx512F.UnpackLow(Load(runs, 4, p), Load(runs, 5, p)), b2 = Avx512F.UnpackHigh(Load(runs, 4, p), Load(runs, 5, p));
            Vector512<float> a3 = Avx512F.UnpackLow(Load(runs, 6, p), Load(runs, 7, p)), b3 = Avx512F.UnpackHigh(Load(runs, 6, p), Load(runs, 7, p));
            Vector512<float> a4 = Avx512F.UnpackLow(Load(runs, 8, p), Load(runs, 9, p)), b4 = Avx512F.UnpackHigh(Load(runs, 8, p), Load(runs, 9, p));
            Vector512<float> a5 = Avx512F.UnpackLow(Load(runs, 10, p), Load(runs, 11, p)), b5 = Avx512F.UnpackHigh(Load(runs, 10, p), Load(runs, 11, p));
            Vector512<float> a6 = Avx512F.UnpackLow(Load(runs, 12, p), Load(runs, 13, p)), b6 = Avx512F.UnpackHigh(Load(runs, 12, p), Load(runs, 13, p));
            Vector512<float> a7 = Avx512F.UnpackLow(Load(runs, 14, p), Load(runs, 15, p)), b7 = Avx512F.UnpackHigh(Load(runs, 14, p), Load(runs, 15, p));
            float* row = dst + p * stride;
            Store(row, stride, 0, Lo(a0, a1), Lo(a2, a3), Lo(a4, a5), Lo(a6, a7));
            Store(row, stride, 1, Hi(a0, a1), Hi(a2, a3), Hi(a4, a5), Hi(a6, a7));
            Store(row, stride, 2, Lo(b0, b1), Lo(b2, b3), Lo(b4, b5), Lo(b6, b7));
            Store(row, stride, 3, Hi(b0, b1), Hi(b2, b3), Hi(b4, b5), Hi(b6, b7));
        }
        for (; p < length; p++)
        {
            float* row = dst + p * stride;
            for (int c = 0; c < 16; c++) row[c] = runs.Run(c)[p];
        }
    }

    /// <summary>Where run c starts; a struct, so that the JIT compiles <see cref="Run{TRuns}"/> once per kind of source.</summary>
    private interface IRuns
    {
        float* Run(int c);
    }

    private readonly struct Strided(float* src, nint ld) : IRuns
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float* Run(int c) => src + c * ld;
    }

    private readonly struct Listed(float** runs) : IRuns
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float* Run(int c) => runs[c];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load<TRuns>(TRuns runs, int c, int p) where TRuns : struct, IRuns => Avx512F.LoadVector512(runs.Run(c) + p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Lo(Vector512<float> x, Vector512<float> y)
        => Avx512F.UnpackLow(x.AsDouble(), y.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Hi(Vector512<float> x, Vector512<float> y)
        => Avx512F.UnpackHigh(x.AsDouble(), y.AsDouble()).AsSingle();

    /// <summary>
    /// v0..v3 hold runs 0–3, 4–7, 8–11, 12–15 at positions 4L + j in lane L: a 4 × 4 transpose of their 128-bit lanes
    /// gives rows j, 4 + j, 8 + j and 12 + j.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, nint stride, int j, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        Vector512<float> w0 = Avx512F.Shuffle4x128(v0, v1, 0x44), w1 = Avx512F.Shuffle4x128(v0, v1, 0xEE);
        Vector512<float> w2 = Avx512F.Shuffle4x128(v2, v3, 0x44), w3 = Avx512F.Shuffle4x128(v2, v3, 0xEE);
        Avx512F.Store(row + j * stride, Avx512F.Shuffle4x128(w0, w2, 0x88));
        Avx512F.Store(row + (4 + j) * stride, Avx512F.Shuffle4x128(w0, w2, 0xDD));
        Avx512F.Store(row + (8 + j) * stride, Avx512F.Shuffle4x128(w1, w3, 0x88));
        Avx512F.Store(row + (12 + j) * stride, Avx512F.Shuffle4x128(w1, w3, 0xDD));
    }
}
