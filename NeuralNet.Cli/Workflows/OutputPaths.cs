using System.Runtime.InteropServices;
using NeuralNet.Core;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// The one check every command runs on its output paths before any work, so that no path can destroy the user's data
/// and no output is found unwritable only after a long run. An output must be:
/// <list type="bullet">
/// <item>a non-empty path;</item>
/// <item>distinct from every input and from every other output, compared after resolving symbolic links;</item>
/// <item>absent, or a regular file: not a folder, device, pipe or socket;</item>
/// <item>not a symbolic link: the atomic writer replaces the path with a new file, which would silently turn a link into
/// a copy, so a link is refused with the file it points to (give that instead);</item>
/// <item>writable: its folder exists and a file can be created in it (the atomic writer's temporary file).</item>
/// </list>
/// </summary>
public static class OutputPaths
{
    /// <summary>Checks <paramref name="outputs"/> (option name, path; null paths are not given) against each other and <paramref name="inputs"/>.</summary>
    /// <exception cref="CliException">Usage (exit 1) for an empty or clashing path; data (exit 2) for one that cannot be written.</exception>
    public static void Check(IEnumerable<string?> inputs, params (string Option, string? Path)[] outputs)
    {
        var inputPaths = inputs.OfType<string>().Where(p => p.Length > 0).Select(p => (Path: p, Resolved: Resolve(p))).ToList();
        var seen = new List<(string Option, string Path, string Resolved)>();
        foreach (var (option, path) in outputs)
        {
            if (path is null) continue;
            if (string.IsNullOrWhiteSpace(path)) throw CliException.Usage($"{option}: the path is empty");
            string resolved = Resolve(path);
            foreach (var input in inputPaths)
                if (SamePath(resolved, input.Resolved))
                    throw CliException.Usage($"{option} {path}: is also an input ({input.Path}); refusing to overwrite it — choose another output file");
            foreach (var other in seen)
                if (SamePath(resolved, other.Resolved))
                    throw CliException.Usage($"{option} {path}: is also the path of {other.Option}; give each output its own file");
            CheckWritable(path);
            seen.Add((option, path, resolved));
        }
    }

    /// <summary>The checks on one output path alone: kind of node, link, folder and writability.</summary>
    private static void CheckWritable(string path)
    {
        string full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.LinkTarget is { } target)
            throw CliException.BadData($"{path}: is a symbolic link (to {target}); outputs are not written through links — give the file itself");
        if (Directory.Exists(full)) throw CliException.BadData($"{path}: is a folder, expected a file name");
        if (info.Exists && FileNode.KindOf(full, followLinks: false) is { } kind and not FileNode.RegularFile)
            throw CliException.BadData($"{path}: is a {kind}, not a regular file; refusing to replace it");
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw CliException.BadData($"{path}: folder '{folder}' does not exist");
        string probe = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadData($"{path}: cannot write in folder '{folder}' ({e.Message.Split('\n')[0].Trim()})");
        }
    }

    /// <summary>The absolute path with every symbolic link on the way resolved (for a path that does not exist yet, its folder's).</summary>
    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (RealPath(full) is { } real) return real;
        string? folder = Path.GetDirectoryName(full);
        return folder is not null && RealPath(folder) is { } realFolder ? Path.Combine(realFolder, Path.GetFileName(full)) : full;
    }

    /// <summary>realpath(3) on Unix; elsewhere the final target of a link, or the path itself.</summary>
    private static string? RealPath(string full)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var buffer = new byte[4096]; // PATH_MAX
            return LibC.realpath(full, buffer) == IntPtr.Zero ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
        }
        if (!File.Exists(full)) return null;
        try { return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full; }
        catch (IOException) { return full; }
    }

    private static bool SamePath(string a, string b)
        => string.Equals(a, b, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static class LibC
    {
        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr realpath(string path, byte[] resolved);
    }
}
