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
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot write the file ({e.Message.Split('\n')[0].Trim()})");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            InFlight.TryRemove(temp, out _);
        }
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
