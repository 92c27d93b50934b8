namespace NeuralNet.Core.Models;

/// <summary>
/// Reads a model or checkpoint file whole, but only a regular file and only up to a limit: <c>/dev/zero</c>, a FIFO or
/// a file padded to gigabytes is refused before it can take the machine's memory.
/// </summary>
public static class BoundedFile
{
    /// <summary>The largest model or checkpoint file read (1 GiB); the documents' own shapes bound them more tightly after parsing.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Fixed room for a document's names, settings and formatting beside its numbers (1 MiB).</summary>
    public const long Overhead = 1L << 20;

    /// <summary>The most bytes one number (or one character of text) may take in an indented JSON document, with its separator.</summary>
    public const int BytesPerNumber = 64, BytesPerChar = 8;

    /// <summary>The bytes of <paramref name="path"/>, a <paramref name="what"/> ("model file", "checkpoint").</summary>
    /// <exception cref="ModelFileException">If it is not a regular file, is larger than <paramref name="maxBytes"/>, or cannot be read.</exception>
    public static byte[] ReadAll(string path, string what, long maxBytes = MaxBytes)
    {
        if (FileNode.KindOf(path) is { } kind and not FileNode.RegularFile)
            throw new ModelFileException($"{path}: is a {kind}, not a regular file; a {what} must be a regular file", path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.Length > maxBytes) throw TooLarge(path, what, stream.Length, maxBytes);
            // The length can change while reading (or be 0 for a /proc file): read at most one byte past the limit.
            var buffer = new MemoryStream((int)Math.Max(stream.Length, 0) + 1);
            var chunk = new byte[1 << 16];
            int n;
            while ((n = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + n > maxBytes) throw TooLarge(path, what, buffer.Length + n, maxBytes);
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"{path}: cannot read the {what} ({e.Message.Split('\n')[0].Trim()})", path);
        }
    }

    /// <summary>Refuses a file of <paramref name="length"/> bytes that is larger than its <paramref name="numbers"/> numbers and <paramref name="chars"/> characters of text can need.</summary>
    /// <exception cref="ModelFileException">If the file is larger.</exception>
    public static void CheckFits(string path, string what, long length, long numbers, long chars)
    {
        long allowed = Overhead + numbers * BytesPerNumber + chars * BytesPerChar;
        if (length > allowed)
            throw new ModelFileException($"{path}: the {what} is {length} bytes, more than its declared shapes need (at most {allowed}); the file is padded or corrupt", path);
    }

    private static ModelFileException TooLarge(string path, string what, long length, long max)
        => new($"{path}: the {what} is larger than {max} bytes (at least {length}); refusing to read it", path);
}
