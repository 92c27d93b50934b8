namespace NeuralNet.Core.Initializers;

/// <summary>Draws a dense layer's initial weights.</summary>
public interface IWeightInitializer
{
    /// <summary>The registry name ("he-normal", "glorot-uniform", ...).</summary>
    string Name { get; }

    /// <summary>
    /// Fills a weight matrix of shape fanIn × fanOut, stored column-major (column j holds unit j's incoming weights).
    /// </summary>
    /// <param name="weights">fanIn·fanOut values to fill.</param>
    /// <param name="fanIn">Inputs of the layer.</param>
    /// <param name="fanOut">Units of the layer.</param>
    /// <param name="negativeSlope">The layer's activation slope for z ≤ 0 (0 for ReLU, α for leaky ones), or null for a non-rectifier.</param>
    /// <param name="rng">The seeded generator every draw comes from.</param>
    void Fill(Span<double> weights, int fanIn, int fanOut, double? negativeSlope, Rng rng);
}
