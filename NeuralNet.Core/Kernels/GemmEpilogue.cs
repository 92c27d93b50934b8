namespace NeuralNet.Core.Kernels;

/// <summary>
/// Work on a product's result columns run as soon as they are final, by a thread that has just written them (a dense
/// layer's bias, positive count and activation after z = x·W), instead of a separate pass after the product: no
/// second hand-off to the pool, and the columns are still in that core's cache.
/// </summary>
/// <remarks>
/// The epilogue always sees whole groups of <see cref="Group"/> columns (the last one may be shorter), whoever runs
/// them, so a pass that treats runs of elements differently by their position (vector body, scalar tail) gives the
/// same bits on any thread count. A product split by columns counts each group's finished columns and runs the group
/// on the thread that finishes it; every other route runs the epilogue after the product, over groups on the pool.
/// </remarks>
internal static class GemmEpilogue
{
    /// <summary>Columns per group: 16, so that no two threads write one cache line of per-column ints (counts).</summary>
    public const int Group = 16;

    /// <summary>Runs <paramref name="epilogue"/> over all n columns of a finished m × n result, in groups, on the pool when long enough.</summary>
    public static void RunAfter(IRangeBody epilogue, int m, int n) => ParallelRanges.Run(epilogue, n, Group, (long)m * n);

    /// <summary>Zeroes the finished-column count of each group of an n-column result (growing the array the first time).</summary>
    public static void ResetGroups(ref int[] groupColumns, int n)
    {
        int groups = (n + Group - 1) / Group;
        if (groupColumns.Length < groups) groupColumns = new int[groups];
        else Array.Clear(groupColumns, 0, groups);
    }

    /// <summary>Records that columns [start, end) are final, and runs the epilogue over each group this completes.</summary>
    public static void Finished(IRangeBody epilogue, int[] groupColumns, int n, int start, int end)
    {
        for (int g = start / Group; g * Group < end; g++)
        {
            int first = g * Group, last = Math.Min(n, first + Group);
            int covered = Math.Min(end, last) - Math.Max(start, first);
            if (Interlocked.Add(ref groupColumns[g], covered) == last - first) epilogue.Run(first, last);
        }
    }
}
