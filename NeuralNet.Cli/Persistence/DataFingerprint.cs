using NeuralNet.Core;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// The SHA-256 a checkpoint records of its data, taken while the data is read (not when the checkpoint is saved): a
/// file rewritten mid-run then no longer matches its checkpoint, and a file removed mid-run does not matter (its rows
/// are in memory). The files' size and modification time are compared before and after, so a file that changes while
/// it is read is refused rather than hashed half old, half new. A run that trains nothing saves no checkpoint: it
/// hashes only if something asks for the hash (a report), and otherwise only checks that the files did not change.
/// </summary>
internal sealed class DataFingerprint
{
    private readonly string[] _paths;
    private readonly (long Length, DateTime Written)[] _before;
    private readonly Task<string>? _hash;

    private DataFingerprint(string[] paths, bool now)
    {
        _paths = paths;
        foreach (var path in paths) NeuralNet.Core.FileNode.RequireRegular(path); // a FIFO must not be read here, before the CSV reader
        _before = paths.Select(Identity).ToArray();
        // Beside the CSV reader, which reads the same pages, on what the run leaves idle (the read's two parse threads
        // come first); the run waits for it only before training starts.
        if (now) _hash = IdleWork.Start(() => CheckpointStore.HashFiles(paths));
    }

    /// <summary>
    /// Starts hashing <paramref name="paths"/> (the training file, then the validation file if any). With
    /// <paramref name="now"/> false the files are hashed only if <see cref="Finish"/> is called: a run that trains
    /// nothing saves no checkpoint, and reading the file a second time would be for nothing.
    /// </summary>
    public static DataFingerprint Start(IEnumerable<string> paths, bool now = true) => new(paths.ToArray(), now);

    /// <summary>The hash, once the files have been read (waiting for it); a file that changed in the meantime is refused.</summary>
    /// <exception cref="CliException">If a file changed while it was read.</exception>
    public string Finish() => _finished ??= Check();

    private string? _finished;

    /// <summary>Refuses a file that changed since the fingerprint started, without hashing (when no hash is needed).</summary>
    /// <exception cref="CliException">If a file changed while it was read.</exception>
    public void CheckUnchanged()
    {
        for (int i = 0; i < _paths.Length; i++)
            if (Identity(_paths[i]) != _before[i])
                throw CliException.BadData($"{_paths[i]}: the file changed while it was read; run again once it is complete");
    }

    private string Check()
    {
        string hash;
        try { hash = _hash is null ? CheckpointStore.HashFiles(_paths) : _hash.GetAwaiter().GetResult(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadData($"{_paths[0]}: cannot read the data to fingerprint it ({e.Message.Split('\n')[0].Trim()})");
        }
        CheckUnchanged();
        return hash;
    }

    private static (long, DateTime) Identity(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
    }
}
