using System.Globalization;

namespace NeuralNet.Core.Experiments.Results;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (0 ≤ index &lt; count) of an experiment grid: run i belongs to
/// shard i mod count, so every shard gets a share of every setting and the split depends on nothing but the grid.
/// </summary>
/// <param name="Index">This shard, from 0.</param>
/// <param name="Count">Shards in all.</param>
public sealed record GridShard(int Index, int Count)
{
    /// <summary>The whole grid as one shard.</summary>
    public static GridShard Whole { get; } = new(0, 1);

    /// <summary>Whether run <paramref name="runIndex"/> of the grid belongs to this shard.</summary>
    public bool Contains(int runIndex) => runIndex % Count == Index;

    /// <summary>"K/N".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// The shard to run: from <paramref name="option"/> ("K/N", or "K" when the count comes from the environment), else
    /// from Slurm (<c>SLURM_ARRAY_TASK_ID</c> less <c>SLURM_ARRAY_TASK_MIN</c>, <c>SLURM_ARRAY_TASK_COUNT</c>) or a Kubernetes Indexed Job
    /// (<c>JOB_COMPLETION_INDEX</c>, with the count from the option); null when none is given.
    /// </summary>
    /// <exception cref="FormatException">With a one-line message naming the bad value.</exception>
    public static GridShard? Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? index = null, count = null, source = "--shard";
        if (!string.IsNullOrWhiteSpace(option))
        {
            var parts = option.Split('/');
            if (parts.Length > 2) throw new FormatException($"--shard expects K/N (for example 0/4); received '{option}'");
            if (parts.Length == 2) (index, count) = (parts[0], parts[1]);
            else count = parts[0]; // "--shard N": the index comes from the scheduler
        }
        if (index is null && environment("SLURM_ARRAY_TASK_ID") is { Length: > 0 } slurm)
            (index, count, source) = (FromMinimum(slurm, environment("SLURM_ARRAY_TASK_MIN")), count ?? environment("SLURM_ARRAY_TASK_COUNT"),
                "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
        else if (index is null && environment("JOB_COMPLETION_INDEX") is { Length: > 0 } job)
            (index, source) = (job, "JOB_COMPLETION_INDEX with --shard N");
        if (index is null && count is null) return null;
        if (index is null || count is null)
            throw new FormatException($"--shard: the shard index and count are both needed (K/N, or N with SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX set); received '{option}'");
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int k) ||
            !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || k >= n)
            throw new FormatException($"{source}: expected a shard index K and count N with 0 ≤ K < N; received {index}/{count}");
        return new GridShard(k, n);
    }

    /// <summary>Slurm arrays may start at any id (--array=1-4): the index is the id less the array's first id.</summary>
    private static string FromMinimum(string id, string? minimum)
        => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int i) &&
           int.TryParse(minimum, NumberStyles.None, CultureInfo.InvariantCulture, out int min) && i >= min
            ? (i - min).ToString(CultureInfo.InvariantCulture) : id;
}
