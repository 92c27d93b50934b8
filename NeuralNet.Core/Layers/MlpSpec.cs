using NeuralNet.Core.Activations;

namespace NeuralNet.Core.Layers;

/// <summary>
/// The architecture of a multilayer perceptron: inputs → hidden layers (one activation for all) → outputs.
/// </summary>
/// <param name="Inputs">Features per sample.</param>
/// <param name="Hidden">Units of each hidden layer, for example [64, 32]; may be empty (a linear model).</param>
/// <param name="Outputs">Output units (classes, 1 for binary or single-target regression).</param>
/// <param name="HiddenActivation">Activation of every hidden layer.</param>
/// <param name="OutputActivation">Activation of the output layer; identity when the loss works on logits (the default).</param>
/// <param name="Initializer">Weight initializer name (see <see cref="Initializers.InitializerRegistry"/>); default "he-normal".</param>
/// <param name="HiddenBias">Initial bias of every hidden unit; default 0. The output layer's bias starts at 0.</param>
public sealed record MlpSpec(
    int Inputs,
    IReadOnlyList<int> Hidden,
    int Outputs,
    ActivationSpec HiddenActivation,
    ActivationSpec? OutputActivation = null,
    string Initializer = "he-normal",
    double HiddenBias = 0.0)
{
    /// <summary>Layer widths from input to output, for example [4, 16, 16, 3].</summary>
    public IReadOnlyList<int> Widths => [Inputs, .. Hidden, Outputs];

    /// <summary>The output activation actually used (identity when none was given).</summary>
    public ActivationSpec EffectiveOutputActivation => OutputActivation ?? ActivationSpec.Identity;
}
