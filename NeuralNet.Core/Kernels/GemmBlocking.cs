using System.Numerics;

namespace NeuralNet.Core.Kernels;

/// <summary>Cache block sizes: MC rows of A (packed block lives in L2), KC depth, NC columns of B (packed slice in L3).</summary>
internal readonly record struct GemmBlockSizes(int MC, int KC, int NC);

/// <summary>
/// Block sizes per element type, chosen for a core with 32 KiB L1d and 1 MiB L2 (BLIS's Skylake-X values):
/// a KC × NR strip of B fits L1 with room for A's stream, and an MC × KC block of A fills about three quarters of L2.
/// </summary>
internal static class GemmBlocking
{
    private static readonly GemmBlockSizes Single = new(MC: 480, KC: 384, NC: 3072);
    private static readonly GemmBlockSizes Double = new(MC: 240, KC: 256, NC: 3072);

    /// <summary>Test hook: small blocks make small matrices cross every block boundary. Null restores the defaults.</summary>
    internal static GemmBlockSizes? Override { get; set; }

    public static GemmBlockSizes For<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Override ?? (typeof(T) == typeof(float) ? Single : Double);
}
