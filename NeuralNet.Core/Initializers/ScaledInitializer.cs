namespace NeuralNet.Core.Initializers;

/// <summary>
/// The variance-scaling family: weights drawn from N(0, σ²) or U(−b, b) with b = √3·σ, where σ² = gain² / fan.
/// He/Kaiming uses fan_in with gain² = 2/(1+α²) for a rectifier of negative slope α; Glorot/Xavier uses
/// 2/(fan_in+fan_out); LeCun uses 1/fan_in.
/// </summary>
public sealed class ScaledInitializer : IWeightInitializer
{
    private readonly Func<int, int, double?, double> _variance;
    private readonly bool _uniform;

    private ScaledInitializer(string name, bool uniform, Func<int, int, double?, double> variance)
    {
        Name = name;
        _uniform = uniform;
        _variance = variance;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>He/Kaiming: variance 2 / ((1 + α²) · fan_in), α the rectifier's negative slope (0 for ReLU; 1 when not a rectifier, giving LeCun's 1/fan_in).</summary>
    public static double HeVariance(int fanIn, double? negativeSlope)
    {
        double a = negativeSlope ?? 1.0;
        return 2.0 / ((1.0 + a * a) * fanIn);
    }

    /// <summary>He/Kaiming normal (the default for the rectifier family).</summary>
    public static ScaledInitializer HeNormal { get; } = new("he-normal", false, (i, _, a) => HeVariance(i, a));

    /// <summary>He/Kaiming uniform.</summary>
    public static ScaledInitializer HeUniform { get; } = new("he-uniform", true, (i, _, a) => HeVariance(i, a));

    /// <summary>Glorot/Xavier normal: variance 2 / (fan_in + fan_out).</summary>
    public static ScaledInitializer GlorotNormal { get; } = new("glorot-normal", false, (i, o, _) => 2.0 / (i + o));

    /// <summary>Glorot/Xavier uniform (Keras's default): bound √(6 / (fan_in + fan_out)).</summary>
    public static ScaledInitializer GlorotUniform { get; } = new("glorot-uniform", true, (i, o, _) => 2.0 / (i + o));

    /// <summary>LeCun normal: variance 1 / fan_in.</summary>
    public static ScaledInitializer LeCunNormal { get; } = new("lecun-normal", false, (i, _, _) => 1.0 / i);

    /// <summary>LeCun uniform: bound √(3 / fan_in).</summary>
    public static ScaledInitializer LeCunUniform { get; } = new("lecun-uniform", true, (i, _, _) => 1.0 / i);

    /// <inheritdoc />
    public void Fill(Span<double> weights, int fanIn, int fanOut, double? negativeSlope, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double sigma = Math.Sqrt(_variance(fanIn, fanOut, negativeSlope));
        double bound = Math.Sqrt(3.0) * sigma; // U(−b, b) has variance b²/3
        for (int i = 0; i < weights.Length; i++)
            weights[i] = _uniform ? rng.NextUniform(-bound, bound) : sigma * rng.NextGaussian();
    }
}
