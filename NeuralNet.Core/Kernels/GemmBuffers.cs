using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Per-thread pack buffers: one pinned array per thread and element type, grown on demand and then reused, so a
/// multiply allocates nothing after warm-up. Pinned (on the pinned-object heap) because the kernels hold raw
/// pointers into it; each region starts on a 64-byte boundary so the packed A loads are aligned.
/// </summary>
internal static unsafe class GemmBuffers<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Alignment = 64;

    [ThreadStatic] private static T[]? t_array;

    /// <summary>Three aligned regions of at least the given lengths, valid until this thread's next call.</summary>
    public static void Get(int aLength, int bLength, int tileLength, out T* a, out T* b, out T* tile)
    {
        int step = Alignment / sizeof(T);
        int aSize = RoundUp(aLength, step), bSize = RoundUp(bLength, step), tileSize = RoundUp(tileLength, step);
        T* start = AlignedRegion(ref t_array, aSize + bSize + tileSize);
        a = start;
        b = start + aSize;
        tile = start + aSize + bSize;
    }

    /// <summary>
    /// A pinned array of at least <paramref name="length"/> elements plus room to align (reusing
    /// <paramref name="array"/> when it is big enough), and its first 64-byte-aligned element.
    /// </summary>
    public static T* AlignedRegion(ref T[]? array, long length)
    {
        long needed = length + Alignment / sizeof(T);
        if (array is null || array.Length < needed)
            array = GC.AllocateUninitializedArray<T>(checked((int)needed), pinned: true);
        return AlignedStart(array);
    }

    private static T* AlignedStart(T[] array)
    {
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (T*)((address + Alignment - 1) & ~(nint)(Alignment - 1));
    }

    private static int RoundUp(int value, int step) => (value + step - 1) / step * step;
}
