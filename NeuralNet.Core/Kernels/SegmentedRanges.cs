namespace NeuralNet.Core.Kernels;

/// <summary>A pass over several arrays in one job: elements [start, end) of array <c>segment</c>.</summary>
internal interface ISegmentedBody
{
    /// <summary>Processes elements [<paramref name="start"/>, <paramref name="end"/>) of array <paramref name="segment"/>; ranges never overlap.</summary>
    void Run(int segment, int start, int end);
}

/// <summary>
/// Several long element-wise passes as one job on the kernel pool (an optimizer's update of every weight matrix of a
/// step): one hand-off instead of one per array, and no thread waits for the other at the end of each array. Every
/// array is cut exactly as <see cref="ParallelRanges"/> cuts it alone, and each thread owns the same chunks of it (its
/// own chunks of every array, array after array, then the back of the other's), so each element is processed by the
/// same code as in a pass of its own and results do not depend on the thread count.
/// </summary>
internal sealed class SegmentedRanges : KernelWork
{
    private static readonly SegmentedRanges Shared = new();

    private readonly AffinityClaims _claims = new();
    private ISegmentedBody? _body;
    private RangeCut[] _cuts = [];
    private int _segments, _chunks;

    /// <summary>
    /// Runs <paramref name="body"/> over arrays 0 ≤ s &lt; <paramref name="segments"/>, array s cut as
    /// <paramref name="cuts"/>[s] (see <see cref="ParallelRanges.ColumnTiles{T}"/>): in one job where the pool is free and
    /// there is a second thread, else each array whole, in turn, on the caller. The caller passes only arrays that a
    /// pass of their own would split (<see cref="ParallelRanges.Splits"/>).
    /// </summary>
    public static void Run(ISegmentedBody body, RangeCut[] cuts, int segments)
    {
        int parts = Math.Min(KernelWorkers.Parallelism, GemmEngine.ThreadsForCaller);
        if (parts < 2 || !KernelWorkers.TryEnter())
        {
            for (int s = 0; s < segments; s++) body.Run(s, 0, cuts[s].Length);
            return;
        }
        try
        {
            var work = Shared;
            (work._body, work._cuts, work._segments, work._chunks) = (body, cuts, segments, parts * ParallelRanges.ChunksPerThread);
            // Thread-major numbering: thread r's range is its own chunks of array 0, then of array 1, and so on.
            work._claims.Reset(parts * segments * ParallelRanges.ChunksPerThread, parts);
            KernelWorkers.Run(work, parts);
        }
        finally
        {
            (Shared._body, Shared._cuts) = (null, []);
            KernelWorkers.Exit();
        }
    }

    public override void Execute(int part, int parts)
    {
        int own = ParallelRanges.ChunksPerThread, perThread = _segments * own;
        while (_claims.TryClaim(part, 1, out int index, out _))
        {
            int owner = index / perThread, segment = index % perThread / own, chunk = owner * own + index % own;
            int start = ParallelRanges.Boundary(_cuts[segment], chunk, _chunks);
            int end = ParallelRanges.Boundary(_cuts[segment], chunk + 1, _chunks);
            if (start < end) _body!.Run(segment, start, end);
        }
    }
}
