using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// The cache-blocked GEMM loops (the BLIS/Goto order): for each NC-column block of B, for each KC-deep slice,
/// pack that kc × nc slice of B (it stays in L3/L2); for each MC-row block of A pack the mc × kc block of A
/// (it stays in L2); then sweep MR × NR tiles with the micro-kernel, whose B strip stays in L1.
/// Single-threaded; <see cref="GemmTask{T,TKernel}"/> splits work across threads by calling it on sub-blocks.
/// </summary>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : IGemmKernel<T>
{
    /// <summary>C (m × n, column-major, leading dimension ldc) = op(A)·op(B), or += when accumulating. k ≥ 1.</summary>
    public static void Run(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        GemmBlockSizes sizes = GemmBlocking.For<T>();
        int mcBlock = Math.Max(mr, sizes.MC / mr * mr), kcBlock = sizes.KC, ncBlock = Math.Max(nr, sizes.NC / nr * nr);
        int mcMax = Math.Min(mcBlock, RoundUp(m, mr)), kcMax = Math.Min(kcBlock, k), ncMax = Math.Min(ncBlock, RoundUp(n, nr));
        GemmBuffers<T>.Get(mcMax * kcMax, kcMax * ncMax, mr * nr, out T* packA, out T* packB, out T* tile);

        for (int jc = 0; jc < n; jc += ncBlock)
        {
            int nc = Math.Min(ncBlock, n - jc);
            for (int pc = 0; pc < k; pc += kcBlock)
            {
                int kc = Math.Min(kcBlock, k - pc);
                bool acc = accumulate || pc > 0; // later k-slices always add to what the first one wrote
                GemmPacking.PackB(b.Offset(pc, jc), kc, nc, nr, packB);
                for (int ic = 0; ic < m; ic += mcBlock)
                {
                    int mc = Math.Min(mcBlock, m - ic);
                    GemmPacking.PackA(a.Offset(ic, pc), mc, kc, mr, packA);
                    Macro(mc, nc, kc, packA, packB, c + ic + jc * ldc, ldc, acc, tile);
                }
            }
        }
    }

    /// <summary>All MR × NR tiles of one packed mc × kc block of A times one packed kc × nc block of B.</summary>
    private static void Macro(int mc, int nc, int kc, T* packA, T* packB, T* c, nint ldc, bool accumulate, T* tile)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            T* bStrip = packB + (nint)j0 * kc;
            for (int i0 = 0; i0 < mc; i0 += mr)
            {
                int rows = Math.Min(mr, mc - i0);
                T* aStrip = packA + (nint)i0 * kc;
                T* cTile = c + i0 + j0 * ldc;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, aStrip, bStrip, cTile, ldc, accumulate);
                }
                else
                {
                    // Edge tile: the padded strips give a full tile; only its valid corner is written to C.
                    TKernel.Run(kc, aStrip, bStrip, tile, mr, false);
                    MergeTile(tile, mr, cTile, ldc, rows, cols, accumulate);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MergeTile(T* tile, int mr, T* c, nint ldc, int rows, int cols, bool accumulate)
    {
        for (int j = 0; j < cols; j++, tile += mr, c += ldc)
        {
            if (accumulate)
                for (int i = 0; i < rows; i++) c[i] += tile[i];
            else
                for (int i = 0; i < rows; i++) c[i] = tile[i];
        }
    }

    private static int RoundUp(int value, int step) => (value + step - 1) / step * step;
}
