using System.Runtime.Intrinsics.X86;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training;

/// <summary>
/// Gathers chosen rows of a row-major float array into a column-major batch, which is a transpose: sixteen rows at a
/// time through <see cref="TransposeSixteen"/> where AVX-512 is there, else eight at a time through
/// <see cref="TransposeEight"/>, sixteen rows over 64-column tiles so that each destination cache line
/// (16 floats of one column) is written whole while it is in L1, the next sixteen rows prefetched meanwhile, and on
/// both cores for large batches (each core its own columns), whose rows come from memory one random row at a time. One instance per batch source; nothing is allocated per batch.
/// </summary>
internal sealed unsafe class RowGather : IRangeBody
{
    private const int Tile = 64;
    private float[] _source = [], _destination = [];
    private int[] _order = [];
    private int _first, _rows, _columns;

    /// <summary>
    /// Row order[first + i] of <paramref name="source"/> (row-major, <paramref name="columns"/> wide, indices already
    /// checked) into row i of <paramref name="destination"/> (column-major, <paramref name="rows"/> rows), for the
    /// rows in whole groups of eight. Returns how many rows it gathered; the caller copies the rest.
    /// </summary>
    /// <remarks>
    /// The threads split the columns, not the rows: each writes whole columns of the batch. Split by rows, every column
    /// had one cache line written by both cores (a batch's array is only 8-byte aligned, so the line holding rows 64 and
    /// 63 is rarely whole on one side), which moved 784 lines between the cores on each of M's batches.
    /// </remarks>
    public int Gather(float[] source, int columns, int[] order, int first, int rows, float[] destination)
    {
        int groups = rows / 8;
        (_source, _columns, _order, _first, _rows, _destination) = (source, columns, order, first, rows, destination);
        ParallelRanges.Run(this, columns, alignment: ColumnAlignment, elements: (long)groups * 8 * columns);
        (_source, _order, _destination) = ([], [], []);
        return groups * 8;
    }

    /// <summary>Ranges of columns start on multiples of 16: whole 64-byte runs of each source row.</summary>
    private const int ColumnAlignment = 16;

    /// <summary>Columns [<paramref name="start"/>, <paramref name="end"/>) of every whole group of eight rows.</summary>
    public void Run(int start, int end)
    {
        int groups = _rows / 8;
        fixed (float* src = _source, dst = _destination)
        fixed (int* order = _order)
        {
            int g = 0;
            Prefetch(src, order, g, Math.Min(groups, g + 2), start, end);
            for (; g + 2 <= groups; g += 2)
            {
                Prefetch(src, order, g + 2, Math.Min(groups, g + 4), start, end); // the next 16 rows, while these are copied
                for (int c0 = start; c0 < end; c0 += Tile)
                {
                    int width = Math.Min(Tile, end - c0);
                    if (TransposeSixteen.IsSupported)
                        BlockOfSixteen(src, order, g, c0, width, dst);
                    else
                    {
                        Block(src, order, g, c0, width, dst);
                        Block(src, order, g + 1, c0, width, dst);
                    }
                }
            }
            if (g < groups)
                Block(src, order, g, start, end - start, dst);
        }
    }

    /// <summary>
    /// Asks for every line of columns [start, end) of the rows of groups [firstGroup, endGroup): each row starts at a
    /// random place, where the hardware prefetcher cannot follow (M's gather: about 150 → 100 µs per batch).
    /// </summary>
    private void Prefetch(float* src, int* order, int firstGroup, int endGroup, int start, int end)
    {
        for (int r = _first + firstGroup * 8; r < _first + endGroup * 8; r++)
        {
            byte* from = (byte*)(src + (nint)order[r] * _columns + start), to = (byte*)(src + (nint)order[r] * _columns + end);
            for (byte* line = from; line < to; line += 64) Sse.Prefetch0(line);
            Sse.Prefetch0(to - 1); // the last line, when the range does not start on a line
        }
    }

    /// <summary>Columns [c0, c0 + width) of the rows of groups <paramref name="group"/> and the one after it, in one pass.</summary>
    private void BlockOfSixteen(float* src, int* order, int group, int c0, int width, float* dst)
    {
        int* rows = order + _first + group * 8;
        float** runs = stackalloc float*[16];
        for (int r = 0; r < 16; r++) runs[r] = src + (nint)rows[r] * _columns + c0;
        TransposeSixteen.Run(runs, width, dst + (nint)c0 * _rows + group * 8, _rows);
    }

    /// <summary>Columns [c0, c0 + width) of the rows of group <paramref name="group"/>.</summary>
    private void Block(float* src, int* order, int group, int c0, int width, float* dst)
    {
        int* rows = order + _first + group * 8;
        int columns = _columns;
        float* Row(int r) => src + (nint)rows[r] * columns + c0;
        TransposeEight.Run(Row(0), Row(1), Row(2), Row(3), Row(4), Row(5), Row(6), Row(7), width,
            dst + (nint)c0 * _rows + group * 8, _rows);
    }
}
