namespace NeuralNet.Core.Models;

/// <summary>
/// Writes a file so that readers see the old content or the new, never half of it: the content goes to a temporary
/// file in the same folder, is flushed to disk, and is then renamed over the target. A failure leaves an existing file untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Checks, before any long work, that <paramref name="path"/> could be written: its folder exists and it is not a folder.
    /// </summary>
    /// <exception cref="DataException">If it could not.</exception>
    public static void CheckWritable(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new DataException($"{path}: is a folder, expected a file name");
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DataException($"{path}: folder '{folder}' does not exist");
    }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <exception cref="DataException">If the folder does not exist or the file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DataException($"{path}: folder '{folder}' does not exist");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
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
