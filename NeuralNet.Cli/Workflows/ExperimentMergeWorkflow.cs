using NeuralNet.Cli.Persistence;
using NeuralNet.Core.Models;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet experiment merge FILES…</c>: the results files of an experiment's shards become the table and outputs
/// one unsharded run gives. Files of different grids, data or tool versions are refused with the difference named,
/// and so is a set of files that misses runs.
/// </summary>
public static class ExperimentMergeWorkflow
{
    /// <summary>Merges the files and returns the exit code.</summary>
    /// <param name="files">The shards' results files.</param>
    /// <param name="results">Where to write the merged results file (byte for byte what one process writes), or null.</param>
    /// <param name="outputs">Table and per-run outputs.</param>
    /// <param name="reporter">Where to print.</param>
    /// <param name="baseline">The setting the others are compared with, or null for the first.</param>
    public static int Run(IReadOnlyList<string> files, string? results, ExperimentOutputPaths outputs, Reporter reporter, string? baseline = null)
    {
        if (files.Count == 0) throw CliException.Usage("experiment merge: give the results files to merge");
        OutputPaths.Check(files, [("--results", results), .. outputs.Named]);
        ExperimentIdentity? identity = null;
        var runs = new SortedDictionary<int, RunOutcome>();
        foreach (var file in files)
        {
            var (stored, fileRuns) = ExperimentResults.Load(file);
            identity ??= stored;
            if (identity.DifferenceFrom(stored, file) is { } difference)
                throw CliException.BadData($"cannot merge {file} with {files[0]}: {difference}");
            foreach (var run in fileRuns) runs.TryAdd(run.Index, run);
            // The experiment started when its first shard did.
            if (string.CompareOrdinal(stored.Created, identity.Created) < 0) identity = identity with { Created = stored.Created };
        }
        var missing = Enumerable.Range(0, identity!.Runs).Where(i => !runs.ContainsKey(i)).ToList();
        if (missing.Count > 0)
            throw CliException.BadData($"cannot merge: {missing.Count} of {identity.Runs} runs are in none of the files " +
                                       $"(runs {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}); is a shard missing or unfinished?");

        var all = runs.Values.ToList();
        reporter.Line($"merged {files.Count} files: {all.Count} runs");
        using (var written = AtomicFile.Together()) // every output or none
        {
            ExperimentOutputs.Write(all, identity, outputs, reporter, ExperimentOutputs.ResolveBaseline(baseline, all.Select(r => r.Settings.SettingKey)));
            if (results is not null) AtomicFile.WriteText(results, w => w.Write(ResultsFile.Canonical(identity, all)));
            written.Commit();
        }
        if (results is not null) reporter.Line($"wrote {results}");
        return ExitCodes.Ok;
    }
}
