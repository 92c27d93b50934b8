using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>An element-wise pass over [0, length) that may be cut into ranges run on different threads.</summary>
internal interface IRangeBody
{
    /// <summary>Processes elements [<paramref name="start"/>, <paramref name="end"/>); ranges never overlap.</summary>
    void Run(int start, int end);
}

/// <summary>
/// Runs long element-wise passes (optimizer updates over millions of weights, a large layer's activation) on the
/// kernel pool. They stream memory, and two cores draw more bandwidth than one; short passes stay on the caller,
/// where a hand-off would cost more than it saves. Ranges start on multiples of an alignment (by default 64 elements:
/// whole cache lines, whole vectors), so each element sees the same vector or scalar code wherever the cut falls, and
/// results do not depend on the thread count.
/// </summary>
internal sealed class ParallelRanges : KernelWork
{
    private static readonly ParallelRanges Shared = new();

    /// <summary>
    /// From this many elements on, a pass is split across the pool. 16 K: a pass over what a split product has just
    /// written (M's 128 × 256 and 128 × 128 layer passes) is faster on both cores, each on the part it wrote, than
    /// on the caller alone, which would first have to fetch the other core's half (M step 5 % faster than with 64 K).
    /// </summary>
    internal static int ParallelLength { get; set; } = 16 * 1024;

    private const int Alignment = 64;

    private IRangeBody? _body;
    private RangeCut _cut;
    private int _chunks;
    private readonly AffinityClaims _claims = new();

    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="length"/>), split across threads when long enough.</summary>
    public static void Run(IRangeBody body, int length) => Run(body, length, Alignment, length);

    /// <summary>Whether a pass over <paramref name="elements"/> elements is too short to split: <see cref="Run(IRangeBody, int, int, long)"/> runs it on the caller's thread.</summary>
    public static bool TooShortToSplit(long elements) => elements < ParallelLength;

    /// <summary>
    /// Runs <paramref name="body"/> over [0, <paramref name="length"/>) in ranges that start on multiples of
    /// <paramref name="alignment"/>, split across threads when the pass touches at least <see cref="ParallelLength"/>
    /// <paramref name="elements"/> (for example, length = a batch's columns, elements = its rows × columns).
    /// </summary>
    public static void Run(IRangeBody body, int length, int alignment, long elements)
        => Run(body, length, alignment, elements, pieces: length, pieceLength: 1);

    /// <summary>
    /// Runs <paramref name="body"/> over the elements [0, rows × columns) of a column-major matrix in ranges of whole
    /// column tiles of the GEMM kernel (<see cref="GemmEngine.Tile{T}"/>), owned as a product split by columns owns
    /// them (<see cref="AffinityClaims"/>): an update then runs each column of W and dW on the core that computes it
    /// in the forward product and the weight gradient. Where a tile is not a whole number of 64-element runs (so a cut
    /// could fall inside a vector), or the matrix has fewer than two tiles, this is <see cref="Run(IRangeBody, int)"/>.
    /// </summary>
    public static void RunInColumnTiles<T>(IRangeBody body, int rows, int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cut = ColumnTiles<T>(rows, columns);
        Run(body, cut.Length, cut.Alignment, cut.Length, cut.Pieces, cut.PieceLength);
    }

    /// <summary>
    /// How <see cref="RunInColumnTiles{T}(IRangeBody, int, int)"/> cuts a column-major matrix: into pieces of whole column
    /// tiles, or, where a tile is not a whole number of 64-element runs or there are fewer than two, into elements on
    /// 64-element boundaries.
    /// </summary>
    internal static RangeCut ColumnTiles<T>(int rows, int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = rows * columns, width = GemmEngine.Tile<T>().NR, tiles = (columns + width - 1) / width;
        long tileLength = (long)width * rows;
        return tileLength % Alignment != 0 || tiles < 2 ? Elements(length) : new RangeCut(length, 1, tiles, (int)tileLength);
    }

    /// <summary>Chunks each thread owns of a pass (or of each matrix of a <see cref="SegmentedRanges"/> job).</summary>
    internal const int ChunksPerThread = 4;

    /// <summary>
    /// Where chunk <paramref name="chunk"/> of <paramref name="chunks"/> starts in a pass cut as <paramref name="cut"/>:
    /// the one rule for chunk boundaries, so a pass cuts each array the same way alone or in a job with others.
    /// </summary>
    internal static int Boundary(in RangeCut cut, int chunk, int chunks)
        => chunk >= chunks ? cut.Length
            : (int)Math.Min(cut.Length, (long)cut.Pieces * chunk / chunks / cut.Alignment * cut.Alignment * cut.PieceLength);

    /// <summary>Whether a pass cut as <paramref name="cut"/> over <paramref name="elements"/> elements is long enough to split.</summary>
    internal static bool Splits(in RangeCut cut, long elements) => !TooShortToSplit(elements) && cut.Pieces > cut.Alignment;

    /// <summary>How <see cref="Run(IRangeBody, int)"/> cuts [0, <paramref name="length"/>): on 64-element boundaries.</summary>
    internal static RangeCut Elements(int length) => new(length, Alignment, length, 1);

    // The chunks cut [0, pieces) on multiples of alignment; a piece is pieceLength elements of [0, length).
    private static void Run(IRangeBody body, int length, int alignment, long elements, int pieces, int pieceLength)
    {
        int parts = Math.Min(KernelWorkers.Parallelism, GemmEngine.ThreadsForCaller);
        if (!Splits(new RangeCut(length, alignment, pieces, pieceLength), elements) || parts < 2 || !KernelWorkers.TryEnter())
        {
            body.Run(0, length);
            return;
        }
        try
        {
            var work = Shared;
            work._body = body;
            work._cut = new RangeCut(length, alignment, pieces, pieceLength);
            work._chunks = parts * ChunksPerThread;
            work._claims.Reset(work._chunks, parts);
            KernelWorkers.Run(work, parts);
        }
        finally
        {
            Shared._body = null;
            KernelWorkers.Exit();
        }
    }

    public override void Execute(int part, int parts)
    {
        // Own chunks first (the same elements on the same core every step, see AffinityClaims), then the others'.
        while (_claims.TryClaim(part, 1, out int chunk, out _))
        {
            int start = Boundary(_cut, chunk, _chunks), end = Boundary(_cut, chunk + 1, _chunks);
            if (start < end) _body!.Run(start, end);
        }
    }
}

/// <summary>
/// How a pass over [0, <paramref name="Length"/>) is cut into chunks: <paramref name="Pieces"/> pieces of
/// <paramref name="PieceLength"/> elements (the last may be shorter), chunks starting on multiples of
/// <paramref name="Alignment"/> pieces.
/// </summary>
internal readonly record struct RangeCut(int Length, int Alignment, int Pieces, int PieceLength);
