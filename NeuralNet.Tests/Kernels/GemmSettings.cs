using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>Sets the GEMM's internal switches for one test and restores them on dispose.</summary>
internal sealed class GemmSettings : IDisposable
{
    private readonly GemmIsa _isa = GemmEngine.ForcedIsa;
    private readonly long _small = GemmEngine.SmallWork;
    private readonly long _parallel = GemmEngine.ParallelWork;
    private readonly bool _measure = GemmEngine.MeasureThreads;
    private readonly GemmBlockSizes? _blocks = GemmBlocking.Override;
    private readonly bool _reference = GemmReference.Enabled;
    private readonly bool _inPlace = GemmEngine.ReadAInPlace;
    private readonly bool _inPlaceB = GemmEngine.ReadBInPlace;
    private readonly bool _privateA = GemmEngine.PrivatePackA;

    public GemmSettings(GemmIsa isa = GemmIsa.Auto, GemmPath path = GemmPath.Auto, GemmBlockSizes? blocks = null, bool reference = false,
        bool readAInPlace = false, bool readBInPlace = true, bool privatePackA = true)
    {
        GemmEngine.ForcedIsa = isa;
        if (path == GemmPath.Direct) GemmEngine.SmallWork = long.MaxValue;
        if (path is GemmPath.Packed or GemmPath.PackedThreaded) GemmEngine.SmallWork = 0;
        if (path == GemmPath.PackedThreaded) GemmEngine.ParallelWork = 0;
        if (path == GemmPath.Packed) GemmEngine.ParallelWork = long.MaxValue;
        if (path is GemmPath.Packed or GemmPath.PackedThreaded) GemmEngine.MeasureThreads = false;
        GemmBlocking.Override = blocks;
        GemmReference.Enabled = reference;
        GemmEngine.ReadAInPlace = readAInPlace;
        GemmEngine.ReadBInPlace = readBInPlace;
        GemmEngine.PrivatePackA = privatePackA;
    }

    public void Dispose()
    {
        GemmEngine.ForcedIsa = _isa;
        GemmEngine.SmallWork = _small;
        GemmEngine.ParallelWork = _parallel;
        GemmEngine.MeasureThreads = _measure;
        GemmBlocking.Override = _blocks;
        GemmReference.Enabled = _reference;
        GemmEngine.ReadAInPlace = _inPlace;
        GemmEngine.ReadBInPlace = _inPlaceB;
        GemmEngine.PrivatePackA = _privateA;
    }
}

/// <summary>Which route through the GEMM a test forces.</summary>
public enum GemmPath
{
    /// <summary>Whatever the size picks.</summary>
    Auto,

    /// <summary>The unpacked loops for tiny shapes, at any size.</summary>
    Direct,

    /// <summary>The packed, blocked driver on one thread.</summary>
    Packed,

    /// <summary>The packed driver split across all threads, at any size.</summary>
    PackedThreaded,
}
