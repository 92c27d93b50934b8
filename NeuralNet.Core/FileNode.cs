using System.Runtime.InteropServices;

namespace NeuralNet.Core;

/// <summary>What kind of file-system node a path names (after following links): a regular file, a device, a pipe…</summary>
public static class FileNode
{
    /// <summary>The name used for an ordinary file.</summary>
    public const string RegularFile = "regular file";

    /// <summary>
    /// "regular file", "character device", "named pipe", … from stat's mode on Linux (x86-64 and arm64); null where
    /// that is not available or the path cannot be examined (the caller then treats it as a regular file).
    /// </summary>
    /// <param name="path">The path to examine.</param>
    /// <param name="followLinks">Describe the target of a symbolic link (stat) rather than the link itself (lstat).</param>
    public static string? KindOf(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return null;
        var stat = new byte[256]; // struct stat is 144 (x86-64) or 128 (arm64) bytes
        if ((followLinks ? LibC.stat(path, stat) : LibC.lstat(path, stat)) != 0) return null;
        // st_mode follows st_dev and st_ino (and st_nlink on x86-64).
        uint mode = BitConverter.ToUInt32(stat, RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16) & 0xF000;
        return mode switch
        {
            0x8000 => RegularFile,
            0x2000 => "character device",
            0x6000 => "block device",
            0x1000 => "named pipe",
            0xC000 => "socket",
            0x4000 => "folder",
            0xA000 => "symbolic link",
            _ => "special file",
        };
    }

    /// <summary>Whether <paramref name="path"/> is a regular file or cannot be told apart from one.</summary>
    public static bool IsRegularOrUnknown(string path) => KindOf(path) is null or RegularFile;

    /// <summary>
    /// Refuses a data file that is not a regular file: a pipe, FIFO, <c>/dev/stdin</c> or device is read once and has no
    /// length, and the tool reads its data twice (to type the columns, to hash it for checkpoints). Save the stream first.
    /// </summary>
    /// <exception cref="DataException">If <paramref name="path"/> names something else than a regular file.</exception>
    public static void RequireRegular(string path)
    {
        if (KindOf(path) is { } kind and not RegularFile and not "folder")
            throw new DataException($"{path}: is a {kind}, not a regular file; save the data to a file first (for example: cat > data.csv)", path);
    }

    private static class LibC
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int stat(string path, byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        public static extern int lstat(string path, byte[] buffer);
    }
}
