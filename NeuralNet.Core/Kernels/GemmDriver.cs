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
    /// <remarks>
    /// sharedA / sharedB, when not null, hold the whole of op(A) / op(B) already packed in the
    /// <see cref="SharedLayout"/> (by <see cref="GemmTask{T,TKernel}"/>, once for all threads); that operand is then not packed here.
    /// Blocks are split evenly (784 deep runs as two slices of 392, not 384 + 384 + 16, whose thin last slice would
    /// cost a whole extra pass over C for little arithmetic). A column-major, untransposed A whose block is whole
    /// MR-row strips can be read in place (<see cref="GemmEngine.ReadAInPlace"/>): its strips are already contiguous per column.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate,
        T* sharedA = null, T* sharedB = null)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        GemmBlockSizes sizes = GemmBlocking.For<T>();
        int mcBlock = EvenBlock(m, Math.Max(mr, sizes.MC / mr * mr), mr);
        int kcBlock = DepthBlock(k);
        int ncBlock = Math.Max(nr, sizes.NC / nr * nr);
        int mcMax = Math.Min(mcBlock, RoundUp(m, mr)), kcMax = Math.Min(kcBlock, k), ncMax = Math.Min(ncBlock, RoundUp(n, nr));
        GemmBuffers<T>.Get(mcMax * kcMax, kcMax * ncMax, mr * nr, out T* packA, out T* packB, out T* tile);

        // An untransposed B is read in place (see IGemmKernel.RunInPlaceB): its columns are runs along k already.
        bool bInPlace = sharedB == null && !b.Transposed && GemmEngine.ReadBInPlace;
        nint ldb = bInPlace ? b.Ld : 0;
        for (int jc = 0; jc < n; jc += ncBlock)
        {
            int nc = Math.Min(ncBlock, n - jc);
            for (int pc = 0; pc < k; pc += kcBlock)
            {
                int kc = Math.Min(kcBlock, k - pc);
                bool acc = accumulate || pc > 0; // later k-slices always add to what the first one wrote
                T* panelB = packB;
                if (bInPlace)
                    panelB = b.Offset(pc, jc).Ptr;
                else if (sharedB != null)
                    panelB = sharedB + SharedLayout(pc, RoundUp(n, nr), jc, kc);
                else
                    GemmPacking.PackB(b.Offset(pc, jc), kc, nc, nr, packB);
                for (int ic = 0; ic < m; ic += mcBlock)
                {
                    int mc = Math.Min(mcBlock, m - ic);
                    GemmOperand<T> block = a.Offset(ic, pc);
                    T* cBlock = c + ic + jc * ldc;
                    if (sharedA != null)
                    {
                        Macro(mc, nc, kc, sharedA + SharedLayout(pc, RoundUp(m, mr), ic, kc), 0, panelB, ldb, cBlock, ldc, acc, tile);
                    }
                    else if (!a.Transposed && mc % mr == 0 && (GemmEngine.ReadAInPlace || n <= NarrowB * nr))
                    {
                        Macro(mc, nc, kc, block.Ptr, a.Ld, panelB, ldb, cBlock, ldc, acc, tile);
                    }
                    else
                    {
                        GemmPacking.PackA(block, mc, kc, mr, packA);
                        Macro(mc, nc, kc, packA, 0, panelB, ldb, cBlock, ldc, acc, tile);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Up to this many strips of B, an untransposed A is read in place even with <see cref="GemmEngine.ReadAInPlace"/>
    /// off: each packed value would be read only once or twice (an output layer's 10 units are two strips), which
    /// does not repay the copy; measured on M's output layer, x·W ran at 60 instead of 35 GFLOP/s.
    /// </summary>
    private const int NarrowB = 2;

    /// <summary>The depth of the k-slices a product of depth <paramref name="k"/> is cut into (all but the last are this deep).</summary>
    public static int DepthBlock(int k) => EvenBlock(k, GemmBlocking.For<T>().KC, 1);

    /// <summary>
    /// Where a whole packed operand keeps the strip starting at row (or column) <paramref name="start"/> of the
    /// k-slice starting at depth <paramref name="pc"/>: slice after slice, each holding all <paramref name="padded"/>
    /// rows in strips of kc × MR (or NR), so a slice begins at pc · padded and strip s at s · kc within it.
    /// </summary>
    public static nint SharedLayout(int pc, int padded, int start, int kc) => (nint)pc * padded + (nint)start * kc;

    /// <summary>
    /// All MR × NR tiles of one mc × kc block of A times one kc × nc block of B. A is packed when
    /// <paramref name="lda"/> is 0 (strip i0 at a + i0·kc, advancing MR per k), else read in place (a + i0, advancing lda);
    /// B likewise: packed when <paramref name="ldb"/> is 0 (strip j0 at b + j0·kc), else column j at b + j·ldb.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(int mc, int nc, int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate, T* tile)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        nint step = lda == 0 ? mr : lda;
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            T* bStrip = b + j0 * (ldb == 0 ? kc : ldb);
            for (int i0 = 0; i0 < mc; i0 += mr)
            {
                int rows = Math.Min(mr, mc - i0);
                T* aStrip = lda == 0 ? a + (nint)i0 * kc : a + i0;
                Tile(kc, aStrip, step, bStrip, ldb, c + i0 + j0 * ldc, ldc, rows, cols, accumulate, tile);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int kc, T* aStrip, nint step, T* bStrip, nint ldb, T* cTile, nint ldc, int rows, int cols, bool accumulate, T* tile)
    {
        int mr = TKernel.MR;
        bool whole = rows == mr && cols == TKernel.NR;
        // Edge tile: the padded strips give a full tile; only its valid corner is written to C.
        T* target = whole ? cTile : tile;
        nint ldt = whole ? ldc : mr;
        bool add = whole && accumulate;
        if (ldb == 0)
            TKernel.Run(kc, aStrip, step, bStrip, target, ldt, add);
        else
            TKernel.RunInPlaceB(kc, aStrip, step, bStrip, ldb, cols, target, ldt, add);
        if (!whole) MergeTile(tile, mr, cTile, ldc, rows, cols, accumulate);
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

    public static int RoundUp(int value, int step) => (value + step - 1) / step * step;

    /// <summary>The block size, at most about <paramref name="max"/>, that cuts <paramref name="size"/> into equal blocks (rounded up to <paramref name="unit"/>).</summary>
    private static int EvenBlock(int size, int max, int unit)
    {
        int blocks = (size + max - 1) / max;
        return Math.Max(unit, RoundUp((size + blocks - 1) / blocks, unit));
    }
}
