using System.Globalization;
using NeuralNet.Cli.Persistence;
using NeuralNet.Core.Models;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// The results file of one <c>experiment</c> process: which shard it runs, the runs a resumed file already holds,
/// the runs still to go, and the file each finished run is appended to (none when neither <c>--results</c>,
/// <c>--shard</c> nor <c>--resume</c> is given).
/// </summary>
public sealed class ExperimentResults : IDisposable
{
    private readonly ResultsFile? _file;

    private ExperimentResults(string? path, bool resumed, GridShard shard, ExperimentIdentity identity, IReadOnlyList<RunOutcome> done, IReadOnlyList<int> toRun)
    {
        (Path, Shard, Identity, Done, ToRun) = (path, shard, identity, done, toRun);
        if (path is null) return;
        try
        {
            _file = resumed ? ResultsFile.Append(path) : ResultsFile.Create(path, identity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadData($"{path}: cannot write the results file ({e.Message.Split('\n')[0].Trim()})");
        }
    }

    /// <summary>The experiment's identity and metadata (a resumed file keeps the date it was started).</summary>
    public ExperimentIdentity Identity { get; }

    /// <summary>The results file, or null.</summary>
    public string? Path { get; }

    /// <summary>The shard this process runs (the whole grid unless sharded).</summary>
    public GridShard Shard { get; }

    /// <summary>Runs of this shard the resumed file already holds, in grid order.</summary>
    public IReadOnlyList<RunOutcome> Done { get; }

    /// <summary>Grid indexes still to run.</summary>
    public IReadOnlyList<int> ToRun { get; }

    /// <summary>Resolves the shard, reads a resumed file (refusing one of another grid or data) and opens the file to append to.</summary>
    public static ExperimentResults Open(ExperimentSettings s, ExperimentIdentity identity)
    {
        GridShard shard;
        try { shard = GridShard.Resolve(s.Shard, Environment.GetEnvironmentVariable) ?? GridShard.Whole; }
        catch (FormatException e) { throw CliException.Usage(e.Message); }
        if (s.Resume is not null && s.Results is not null && s.Resume != s.Results)
            throw CliException.Usage("--resume continues the results file it names; leave out --results");

        var done = new List<RunOutcome>();
        if (s.Resume is { } resume)
        {
            var (stored, runs) = Load(resume);
            if (identity.DifferenceFrom(stored, resume) is { } difference)
                throw CliException.BadData($"{resume}: cannot resume: {difference}");
            identity = identity with { Created = stored.Created };
            done.AddRange(runs.Where(r => shard.Contains(r.Index)));
        }
        var have = done.Select(r => r.Index).ToHashSet();
        var toRun = Enumerable.Range(0, identity.Runs).Where(i => shard.Contains(i) && !have.Contains(i)).ToList();
        string? path = s.Resume ?? s.Results ?? (shard == GridShard.Whole ? null
            : string.Create(CultureInfo.InvariantCulture, $"results-{shard.Index}-of-{shard.Count}.jsonl"));
        return new ExperimentResults(path, s.Resume is not null, shard, identity, done, toRun);
    }

    /// <summary>Reads a results file, as a data error (exit 2) when it is missing or corrupt.</summary>
    public static (ExperimentIdentity Identity, IReadOnlyList<RunOutcome> Runs) Load(string path)
    {
        if (!File.Exists(path)) throw CliException.BadData($"{path}: results file not found");
        try { return ResultsFile.Read(path); }
        catch (InvalidDataException e) { throw CliException.BadData(e.Message); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadData($"{path}: cannot read the results file ({e.Message.Split('\n')[0].Trim()})");
        }
    }

    /// <summary>Appends a finished run (a cancelled one is not finished and is left out).</summary>
    public void Add(RunOutcome outcome)
    {
        if (outcome.Finished) _file?.Add(outcome);
    }

    /// <summary>Rewrites the file in grid order once every run of the shard is in it.</summary>
    public void Finish(IReadOnlyList<RunOutcome> all)
    {
        if (Path is null) return;
        _file?.Dispose();
        AtomicFile.WriteText(Path, w => w.Write(ResultsFile.Canonical(Identity, all)));
    }

    /// <inheritdoc />
    public void Dispose() => _file?.Dispose();
}
