namespace NeuralNet.Core.Initializers;

/// <summary>
/// Randomized asymmetric initialization ("rai", Lu, Shin, Su &amp; Karniadakis, "Dying ReLU and Initialization:
/// Theory and Numerical Examples", 2020). For each unit, the vector v = (w₁ … w_N, b) of its N incoming weights and
/// its bias is drawn as follows: one entry k, chosen uniformly among the N + 1, is drawn from the asymmetric
/// Beta(2, 1) (positive, so the unit starts with a positive direction), and every other entry from N(0, σ²).
/// </summary>
/// <remarks>
/// σ² is set so that E‖v‖² equals He initialization's 2 (N entries of variance 2/N):
/// E[β²] = 1/2 for β ~ Beta(2, 1), so 1/2 + N·σ² = 2 and σ² = 3 / (2N). Beta(2, 1) is drawn as the larger of
/// two uniforms (its density is 2x on [0, 1]).
/// </remarks>
public sealed class RandomizedAsymmetricInitializer : INeuronInitializer
{
    /// <summary>The shared instance.</summary>
    public static RandomizedAsymmetricInitializer Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "rai";

    /// <summary>σ² of the symmetric entries for a unit with <paramref name="fanIn"/> inputs: 3 / (2·fan_in).</summary>
    public static double SymmetricVariance(int fanIn) => 1.5 / fanIn;

    /// <inheritdoc />
    public void Fill(Span<double> weights, Span<double> bias, int fanIn, int fanOut, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (weights.Length != fanIn * fanOut || bias.Length != fanOut)
            throw new ArgumentException($"Expected {fanIn * fanOut} weights and {fanOut} biases, received {weights.Length} and {bias.Length}.");
        double sigma = Math.Sqrt(SymmetricVariance(fanIn));
        for (int unit = 0; unit < fanOut; unit++)
        {
            int asymmetric = rng.NextInt(fanIn + 1); // fanIn means the bias
            for (int i = 0; i <= fanIn; i++)
            {
                double value = i == asymmetric ? Math.Max(rng.NextDouble(), rng.NextDouble()) : sigma * rng.NextGaussian();
                if (i < fanIn) weights[unit * fanIn + i] = value;
                else bias[unit] = value;
            }
        }
    }

    /// <summary>Weights only (biases drawn and discarded); layers call the overload with the bias instead.</summary>
    public void Fill(Span<double> weights, int fanIn, int fanOut, double? negativeSlope, Rng rng)
        => Fill(weights, new double[fanOut], fanIn, fanOut, rng);
}
