namespace NeuralNet.Core.Models;

/// <summary>
/// Writes a file so that readers see the old content or the new, never half of it: the content goes to a temporary
/// file in the same folder, is flushed to disk, and is then renamed over the target. A failure leaves an existing file untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <exception cref="DataException">If the folder does not exist or the file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DataException($"{path}: folder '{folder}' does not exist");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        if (Abandoned) throw new OperationCanceledException("the process is stopping");
        InFlight.TryAdd(temp, 0);
        var set = Current.Value;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (set is not null)
            {
                set.Staged.Add((path, temp, full)); // renamed by Commit, with the set's other files
                return;
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, e);
        }
        finally
        {
            if (set is null || !set.Staged.Any(s => s.Temp == temp)) Discard(temp);
        }
    }

    /// <summary>
    /// Starts a set of files written together: until the set is disposed, every <see cref="Write"/> on this flow of
    /// execution only writes its temporary file; <see cref="AtomicFileSet.Commit"/> then renames them all. A set
    /// disposed without a commit (an error or a signal while writing one of them) deletes them, so either every file
    /// of the set is replaced or none is: a model is not replaced when its chart then finds the disk full.
    /// </summary>
    /// <exception cref="InvalidOperationException">If a set is already open on this flow of execution.</exception>
    public static AtomicFileSet Together()
    {
        if (Current.Value is not null) throw new InvalidOperationException("A set of files is already being written.");
        var set = new AtomicFileSet(() => Current.Value = null);
        Current.Value = set;
        return set;
    }

    private static readonly AsyncLocal<AtomicFileSet?> Current = new();

    /// <summary>The one-line error for <paramref name="path"/> when the file system refused to write or rename it.</summary>
    internal static DataException CannotWrite(string path, Exception e) => new($"{path}: cannot write the file ({e.Message.Split('\n')[0].Trim()})");

    /// <summary>Deletes a temporary file and forgets it.</summary>
    internal static void Discard(string temp)
    {
        if (File.Exists(temp)) File.Delete(temp);
        InFlight.TryRemove(temp, out _);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> InFlight = new();
    private static volatile bool Abandoned;

    /// <summary>
    /// For a process about to exit on a signal: deletes every temporary file still being written and refuses new
    /// writes, so that nothing half-written is left (the files being replaced keep their old content).
    /// </summary>
    public static void AbandonAll()
    {
        Abandoned = true;
        foreach (var temp in InFlight.Keys)
        {
            try { File.Delete(temp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // exiting anyway; nothing better to do
        }
    }

    /// <summary>Writes text (UTF-8, no BOM).</summary>
    public static void WriteText(string path, Action<TextWriter> write)
        => Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            write(writer);
        });
}

/// <summary>Files written together (<see cref="AtomicFile.Together"/>): all renamed into place by <see cref="Commit"/>, or none.</summary>
public sealed class AtomicFileSet : IDisposable
{
    private readonly Action _close;
    private bool _disposed;

    internal AtomicFileSet(Action close) => _close = close;

    internal List<(string Path, string Temp, string Full)> Staged { get; } = [];

    /// <summary>Renames every file written since the set was opened into place, in the order they were written.</summary>
    /// <exception cref="DataException">If a file cannot be renamed (the ones before it are in place).</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var (path, temp, full) in Staged.ToList())
        {
            try { File.Move(temp, full, overwrite: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw AtomicFile.CannotWrite(path, e);
            }
            AtomicFile.Discard(temp);
            Staged.RemoveAt(0);
        }
    }

    /// <summary>Deletes the temporary files of a set not committed, and closes it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var (_, temp, _) in Staged) AtomicFile.Discard(temp);
        Staged.Clear();
        _close();
    }
}
