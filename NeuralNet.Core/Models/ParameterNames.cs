namespace NeuralNet.Core.Models;

/// <summary>
/// The names parameters go by in the model file, as in PyTorch's state_dict: layers count from 0, input to output, the
/// same numbering the library uses, so "layers.0.weight" is the first dense layer's [units, inputs] weight matrix.
/// </summary>
public static class ParameterNames
{
    /// <summary>The weight matrix of layer <paramref name="layer"/> (0-based).</summary>
    public static string Weight(int layer) => $"layers.{layer}.weight";

    /// <summary>The bias of layer <paramref name="layer"/>.</summary>
    public static string Bias(int layer) => $"layers.{layer}.bias";

    /// <summary>The learned PReLU α of layer <paramref name="layer"/>.</summary>
    public static string Alpha(int layer) => $"layers.{layer}.alpha";

    /// <summary>
    /// The parameters of layer <paramref name="layer"/> in the order the network keeps them: weight, bias, then α when
    /// the layer has a learned one (<paramref name="hasAlpha"/>: PReLU).
    /// </summary>
    public static IEnumerable<string> OfLayer(int layer, bool hasAlpha)
        => hasAlpha ? [Weight(layer), Bias(layer), Alpha(layer)] : [Weight(layer), Bias(layer)];

    /// <summary>
    /// The parameters of layer <paramref name="layer"/> (<paramref name="inputs"/> inputs, <paramref name="units"/> units)
    /// in the order of <see cref="OfLayer(int, bool)"/>, each with the shape it is stored in: weight [units, inputs], bias
    /// [units], and α ([units] for one per unit, else [1]) when the layer has a learned one.
    /// </summary>
    public static IReadOnlyList<(string Name, int[] Shape)> OfLayer(int layer, int inputs, int units, bool hasAlpha, bool perUnitAlpha)
        => hasAlpha
            ? [(Weight(layer), [units, inputs]), (Bias(layer), [units]), (Alpha(layer), [perUnitAlpha ? units : 1])]
            : [(Weight(layer), [units, inputs]), (Bias(layer), [units])];
}
