using System.Text;
using System.Text.Json;

namespace NeuralNet.Core.Experiments.Results;

/// <summary>
/// An experiment's results as JSON Lines: the <see cref="ExperimentIdentity"/> on the first line, then one
/// <see cref="RunOutcome"/> per line. While a grid runs, each finished run is appended as one complete line and
/// flushed to disk, so a killed process loses only the runs still going; a last line without its newline (the
/// process died while writing it) is ignored on reading. When the grid (or shard) is done, the file is rewritten in
/// grid order, so one process, a resumed run and merged shards give the same bytes.
/// </summary>
public sealed class ResultsFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();

    private ResultsFile(FileStream stream) => _stream = stream;

    /// <summary>Starts a new results file at <paramref name="path"/> with the identity line.</summary>
    public static ResultsFile Create(string path, ExperimentIdentity identity)
    {
        var file = new ResultsFile(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));
        file.WriteLine(JsonSerializer.Serialize(identity, ResultsJson.Options));
        return file;
    }

    /// <summary>Opens an existing results file to append the runs still missing.</summary>
    public static ResultsFile Append(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        // Drop a torn last line, so the next line starts cleanly.
        stream.SetLength(CompleteLength(stream));
        stream.Seek(0, SeekOrigin.End);
        return new ResultsFile(stream);
    }

    /// <summary>Appends one finished run as one line and flushes it to disk (safe from several threads).</summary>
    public void Add(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        string line = JsonSerializer.Serialize(Storable(outcome), ResultsJson.Options);
        lock (_gate) WriteLine(line);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>The whole file's text in grid order: the identity, then the runs sorted by index.</summary>
    public static string Canonical(ExperimentIdentity identity, IEnumerable<RunOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.Append(JsonSerializer.Serialize(identity, ResultsJson.Options)).Append('\n');
        foreach (var o in outcomes.OrderBy(o => o.Index)) text.Append(JsonSerializer.Serialize(Storable(o), ResultsJson.Options)).Append('\n');
        return text.ToString();
    }

    /// <summary>Reads a results file: its identity and its complete run lines (a later line for the same run wins).</summary>
    /// <exception cref="InvalidDataException">With a one-line message naming the file and line.</exception>
    public static (ExperimentIdentity Identity, IReadOnlyList<RunOutcome> Runs) Read(string path)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        using var reader = new StringReader(text[..(text.LastIndexOf('\n') + 1)]);
        ExperimentIdentity? identity = null;
        var runs = new SortedDictionary<int, RunOutcome>();
        int lineNumber = 0;
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            lineNumber++;
            try
            {
                if (identity is null)
                {
                    identity = JsonSerializer.Deserialize<ExperimentIdentity>(line, ResultsJson.Options);
                    if (identity?.Format != ExperimentIdentity.FormatName) throw new JsonException("not a neuralnet experiment results file");
                    continue;
                }
                var run = JsonSerializer.Deserialize<RunOutcome>(line, ResultsJson.Options) ?? throw new JsonException("empty line");
                if (run.Index < 0 || run.Index >= identity.Runs) throw new JsonException($"run {run.Index} is outside the grid's {identity.Runs} runs");
                runs[run.Index] = run;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {e.Message.Split('\n')[0].Trim()}", e);
            }
        }
        if (identity is null) throw new InvalidDataException($"{path}: empty; not a neuralnet experiment results file");
        return (identity, runs.Values.ToList());
    }

    /// <summary>
    /// The run without the trainer's resume state (large, and not needed to report a finished run) and without epoch
    /// timings, which differ from process to process: what is stored depends on the grid and the data alone.
    /// </summary>
    private static RunOutcome Storable(RunOutcome o) => o with
    {
        Result = o.Result with { State = null, History = o.Result.History.Select(h => h with { Elapsed = TimeSpan.Zero }).ToList() },
    };

    private void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _stream.Write(bytes);
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Length up to and including the last newline.</summary>
    private static long CompleteLength(FileStream stream)
    {
        var one = new byte[1];
        for (long at = stream.Length - 1; at >= 0; at--)
        {
            stream.Seek(at, SeekOrigin.Begin);
            if (stream.Read(one) == 1 && one[0] == (byte)'\n') return at + 1;
        }
        return 0;
    }
}
