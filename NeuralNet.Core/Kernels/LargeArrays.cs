using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Allocation of the big arrays the data path and the trainer fill once (columns, the encoded matrix, batch copies).
/// On Linux with transparent huge pages in <c>madvise</c> mode (the common default), a fresh array is first touched
/// 4 KiB at a time, and on a virtual machine each of those page faults is a trap to the hypervisor: about 3 ms per MB
/// was measured here, more than parsing the numbers that fill it. Asking for 2 MiB pages makes that one fault per
/// 2 MiB (about 0.4 ms per MB measured). numpy does the same for arrays of 4 MB and more.
/// </summary>
internal static unsafe class LargeArrays
{
    private const nint HugePage = 2 << 20;
    private const int MADV_HUGEPAGE = 14;

    // Below this the array rarely spans a huge page of its own, and the system call costs more than it saves.
    private const long MinimumBytes = 1 << 20;

    private static readonly bool s_advise = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>
    /// <see cref="GC.AllocateUninitializedArray{T}(int, bool)"/> backed by huge pages where the system offers them.
    /// The contents are unspecified: the caller writes every element before reading it.
    /// </summary>
    public static T[] Uninitialized<T>(int length, bool pinned = false)
    {
        var array = GC.AllocateUninitializedArray<T>(length, pinned);
        AdviseHugePages(array);
        return array;
    }

    /// <summary>
    /// Hints that the memory under <paramref name="array"/> be backed by huge pages. The range is widened to whole
    /// 2 MiB pages: the neighbours are the garbage collector's own large-object memory, and the hint only chooses
    /// the page size of what is faulted in later; it never moves or changes data. Failures are ignored (a hint).
    /// </summary>
    public static void AdviseHugePages<T>(T[] array)
    {
        long bytes = (long)array.Length * Unsafe.SizeOf<T>();
        if (!s_advise || bytes < MinimumBytes) return;
        // Large objects are not moved unless a compaction of that heap is asked for, and a stale hint is harmless.
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nint first = start & ~(HugePage - 1);
        nint end = (start + (nint)bytes + HugePage - 1) & ~(HugePage - 1);
        _ = madvise(first, (nuint)(end - first), MADV_HUGEPAGE);
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int madvise(nint address, nuint length, int advice);
}
