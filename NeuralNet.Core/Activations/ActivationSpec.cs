namespace NeuralNet.Core.Activations;

/// <summary>
/// How to build an activation: its registry name and settings. This is what the CLI parses and model files store.
/// </summary>
/// <param name="Name">Registry name: "relu", "leaky-relu", "prelu", "identity", "sigmoid" or "tanh".</param>
/// <param name="Alpha">LeakyReLU's slope or PReLU's initial α; null for the default (0.01 and 0.25).</param>
/// <param name="PerUnitAlpha">PReLU only: one α per unit instead of one for the layer.</param>
public sealed record ActivationSpec(string Name, double? Alpha = null, bool PerUnitAlpha = false)
{
    /// <summary>ReLU.</summary>
    public static ActivationSpec Relu { get; } = new("relu");

    /// <summary>LeakyReLU with the default slope 0.01.</summary>
    public static ActivationSpec LeakyRelu { get; } = new("leaky-relu");

    /// <summary>PReLU with one α for the layer, starting at 0.25.</summary>
    public static ActivationSpec PRelu { get; } = new("prelu");

    /// <summary>Identity (linear).</summary>
    public static ActivationSpec Identity { get; } = new("identity");
}
