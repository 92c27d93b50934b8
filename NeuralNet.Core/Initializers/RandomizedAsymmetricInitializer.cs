namespace NeuralNet.Core.Initializers;

/// <summary>
/// Randomized asymmetric initialization (Lu, Shin, Su &amp; Karniadakis, "Dying ReLU and Initialization: Theory and
/// Numerical Examples", 2020). For each unit, the vector v = (w₁ … w_N, b) of its N incoming weights and its bias is
/// drawn as follows: one entry k, chosen uniformly among the N + 1 slots, is drawn from the asymmetric Beta(2, 1)
/// (positive, so the unit starts with a positive direction), and every other entry from N(0, σ²).
/// </summary>
/// <remarks>
/// <para><c>rai</c> is the paper's definition: σ = 0.6007/√N (the value the paper and the public implementations that
/// cite it use; it makes the second moment of a unit's output match He initialization's).</para>
/// <para><c>rai-he</c> is this project's earlier variant, kept under its own name because it is a different
/// distribution: σ² = 3/(2N), chosen so that E‖v‖² equals He's 2 (E[β²] = 1/2 for β ~ Beta(2, 1), so 1/2 + N·σ² = 2).
/// Its wider symmetric part gives a negative bias more often and so more units born dead.</para>
/// Beta(2, 1) is drawn as the larger of two uniforms (its density is 2x on [0, 1]).
/// </remarks>
public sealed class RandomizedAsymmetricInitializer : INeuronInitializer
{
    /// <summary>The σ·√N of the paper's symmetric entries.</summary>
    public const double PaperSigmaTimesSqrtFanIn = 0.6007;

    private readonly Func<int, double> _symmetricVariance;

    private RandomizedAsymmetricInitializer(string name, Func<int, double> symmetricVariance)
    {
        Name = name;
        _symmetricVariance = symmetricVariance;
    }

    /// <summary>The paper's RAI, "rai": σ = 0.6007/√fan_in.</summary>
    public static RandomizedAsymmetricInitializer Paper { get; } =
        new("rai", n => PaperSigmaTimesSqrtFanIn * PaperSigmaTimesSqrtFanIn / n);

    /// <summary>The He-matched variant, "rai-he": σ² = 3/(2·fan_in), so E‖(w, b)‖² = 2.</summary>
    public static RandomizedAsymmetricInitializer HeMatched { get; } = new("rai-he", n => 1.5 / n);

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>σ² of the symmetric entries for a unit with <paramref name="fanIn"/> inputs.</summary>
    public double SymmetricVariance(int fanIn) => _symmetricVariance(fanIn);

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
