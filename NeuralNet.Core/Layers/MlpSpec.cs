using NeuralNet.Core.Activations;

namespace NeuralNet.Core.Layers;

/// <summary>
/// The architecture of a multilayer perceptron: inputs → hidden layers → outputs. Hidden layers share
/// <paramref name="HiddenActivation"/> unless <paramref name="HiddenActivations"/> gives one per layer.
/// Layers are numbered from 0, the first hidden layer, as in the model file's parameter names (layers.0.weight).
/// </summary>
/// <param name="Inputs">Features per sample.</param>
/// <param name="Hidden">Units of each hidden layer, for example [64, 32]; may be empty (a linear model).</param>
/// <param name="Outputs">Output units (classes, 1 for binary or single-target regression).</param>
/// <param name="HiddenActivation">Activation of every hidden layer.</param>
/// <param name="OutputActivation">Activation of the output layer; identity when the loss works on logits (the default).</param>
/// <param name="Initializer">Weight initializer name (see <see cref="Initializers.InitializerRegistry"/>); default "he-normal".</param>
/// <param name="HiddenBias">Initial bias of every hidden unit; default 0. The output layer's bias starts at 0.</param>
/// <param name="HiddenActivations">One activation per hidden layer (layer 0 first), or null for <paramref name="HiddenActivation"/> everywhere.</param>
public sealed record MlpSpec(
    int Inputs,
    IReadOnlyList<int> Hidden,
    int Outputs,
    ActivationSpec HiddenActivation,
    ActivationSpec? OutputActivation = null,
    string Initializer = "he-normal",
    double HiddenBias = 0.0,
    IReadOnlyList<ActivationSpec>? HiddenActivations = null)
{
    /// <summary>The activation of hidden layer <paramref name="layer"/> (0 = the first hidden layer).</summary>
    /// <exception cref="ArgumentException">If <see cref="HiddenActivations"/> does not have one activation per hidden layer.</exception>
    public ActivationSpec HiddenActivationOf(int layer)
    {
        if (HiddenActivations is null) return HiddenActivation;
        if (HiddenActivations.Count != Hidden.Count)
            throw new ArgumentException($"Expected one hidden activation per hidden layer ({Hidden.Count}). Received: {HiddenActivations.Count}.");
        return HiddenActivations[layer];
    }

    /// <summary>Every layer's activation, layer 0 first and the output layer last.</summary>
    public IReadOnlyList<ActivationSpec> LayerActivations
        => [.. Enumerable.Range(0, Hidden.Count).Select(HiddenActivationOf), EffectiveOutputActivation];

    /// <summary>Layer widths from input to output, for example [4, 16, 16, 3].</summary>
    public IReadOnlyList<int> Widths => [Inputs, .. Hidden, Outputs];

    /// <summary>The output activation actually used (identity when none was given).</summary>
    public ActivationSpec EffectiveOutputActivation => OutputActivation ?? ActivationSpec.Identity;
}
