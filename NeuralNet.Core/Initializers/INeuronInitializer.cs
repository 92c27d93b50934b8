namespace NeuralNet.Core.Initializers;

/// <summary>
/// An initializer that draws each unit's incoming weights and its bias together, as one vector
/// (the randomized asymmetric initialization does). Layers give it the bias to fill as well.
/// </summary>
public interface INeuronInitializer : IWeightInitializer
{
    /// <summary>Fills the fanIn × fanOut weights (column-major) and the fanOut biases.</summary>
    void Fill(Span<double> weights, Span<double> bias, int fanIn, int fanOut, Rng rng);
}
