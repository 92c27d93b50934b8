using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Training.Losses;

/// <summary>
/// Stores a loss-gradient entry computed in double as T, with magnitudes below √(smallest normal T) stored as 0:
/// about 1e-19 for float, 1e-154 for double.
/// </summary>
/// <remarks>
/// Such an entry cannot move a weight (it is 10⁻¹⁹ of the loss's scale), but once a network is confident (softmax
/// probabilities of e⁻⁹⁰ and below) it would be stored as a subnormal float, and every product the backward pass
/// forms from it is subnormal too, which x86 cores compute through a microcode assist about a hundred times slower.
/// Measured on the S benchmark with Adam, whose loss reaches 0: about 7 % of the output gradient was subnormal and
/// a step took 4× as long as SGD's.
/// </remarks>
internal static class NegligibleGradient
{
    /// <summary>√(2⁻¹²⁶) = 2⁻⁶³, float's smallest normal number's square root.</summary>
    internal static readonly double FloatThreshold = Math.ScaleB(1.0, -63);

    /// <summary>√(2⁻¹⁰²²) = 2⁻⁵¹¹, double's.</summary>
    internal static readonly double DoubleThreshold = Math.ScaleB(1.0, -511);

    /// <summary>The threshold for T: entries of smaller magnitude are stored as zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Threshold<T>() where T : struct, IFloatingPointIeee754<T>
        => T.CreateTruncating(typeof(T) == typeof(float) ? FloatThreshold : DoubleThreshold); // powers of two: exact in T

    /// <summary><paramref name="value"/> as T, or zero when it is negligible.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Store<T>(double value) where T : struct, IFloatingPointIeee754<T>
    {
        double threshold = typeof(T) == typeof(float) ? FloatThreshold : DoubleThreshold;
        return Math.Abs(value) < threshold ? T.Zero : T.CreateChecked(value);
    }
}
