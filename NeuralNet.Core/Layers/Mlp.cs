using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;

namespace NeuralNet.Core.Layers;

/// <summary>
/// A multilayer perceptron: a stack of <see cref="DenseLayer{T}"/>. Runs in float (training) or double (gradient checks)
/// with the same code.
/// </summary>
public sealed class Mlp<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Creates a network from its layers (each layer's inputs must equal the previous layer's units).</summary>
    /// <exception cref="ArgumentException">If there are no layers or two adjacent layers do not fit.</exception>
    public Mlp(IReadOnlyList<DenseLayer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("Expected at least one layer.", nameof(layers));
        for (int i = 1; i < layers.Count; i++)
            if (layers[i].Inputs != layers[i - 1].Units)
                throw new ArgumentException(
                    $"Layer {i} expects {layers[i].Inputs} inputs but layer {i - 1} has {layers[i - 1].Units} units.", nameof(layers));
        Layers = layers;
        Parameters = layers.SelectMany(l => l.Parameters).ToArray();
    }

    /// <summary>
    /// A twin over the same parameters with buffers of its own: forward passes on a second thread while this network
    /// runs others (the parameters must not change meanwhile). Not for training.
    /// </summary>
    internal Mlp<T> ShareParameters() => new(Layers.Select(l => l.ShareParameters()).ToArray());

    /// <summary>Builds and initializes the network described by <paramref name="spec"/>, drawing from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentException">If a size is not positive or a name is unknown.</exception>
    public static Mlp<T> Create(MlpSpec spec, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rng);
        var widths = spec.Widths;
        foreach (int w in widths)
            if (w <= 0) throw new ArgumentException($"Layer sizes must be positive integers. Received: {string.Join(",", widths)}.", nameof(spec));
        var initializer = InitializerRegistry.Get(spec.Initializer);
        var layers = new List<DenseLayer<T>>();
        for (int i = 0; i + 1 < widths.Count; i++)
        {
            bool isOutput = i + 2 == widths.Count;
            string name = $"layer{i}";
            var activation = ActivationRegistry.Create<T>(spec.LayerActivations[i], widths[i + 1], name);
            var layer = new DenseLayer<T>(widths[i], widths[i + 1], activation, name);
            layer.Initialize(initializer, isOutput ? 0.0 : spec.HiddenBias, rng);
            layers.Add(layer);
        }
        return new Mlp<T>(layers);
    }

    /// <summary>The layers, input to output; all but the last are hidden layers.</summary>
    public IReadOnlyList<DenseLayer<T>> Layers { get; }

    /// <summary>The hidden layers (all but the output layer).</summary>
    public IEnumerable<DenseLayer<T>> HiddenLayers => Layers.Take(Layers.Count - 1);

    /// <summary>Every learnable parameter, layer by layer: what optimizers see.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Features per sample.</summary>
    public int Inputs => Layers[0].Inputs;

    /// <summary>Output units.</summary>
    public int Outputs => Layers[^1].Units;

    /// <summary>Total number of learnable scalars.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Length);

    /// <summary>
    /// Forward pass on a batch (rows = samples). Returns the output layer's activations (a buffer owned by the network).
    /// </summary>
    /// <param name="input">Batch, rows × <see cref="Inputs"/>.</param>
    /// <param name="positiveCounts">Optional: one counter array per hidden layer; element j gains the rows on which unit j's pre-activation is &gt; 0.</param>
    public Matrix<T> Forward(Matrix<T> input, IReadOnlyList<int[]>? positiveCounts = null)
    {
        var x = input;
        for (int i = 0; i < Layers.Count; i++)
        {
            bool hidden = i < Layers.Count - 1;
            x = Layers[i].Forward(x, hidden && positiveCounts is not null ? positiveCounts[i] : default);
        }
        return x;
    }

    /// <summary>Backward pass for the last forward batch: accumulates every parameter's gradient from dL/d(output).</summary>
    public void Backward(Matrix<T> gradOutput)
    {
        var g = gradOutput;
        for (int i = Layers.Count - 1; i >= 0; i--)
            g = Layers[i].Backward(g, computeInputGradient: i > 0)!;
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].ZeroGradient(); // indexed: foreach over the interface allocates
    }

    /// <summary>A copy of every parameter's values (for best-weight restore and tests).</summary>
    public T[][] CopyValues() => Parameters.Select(p => (T[])p.Value.Clone()).ToArray();

    /// <summary>Copies every parameter's values into <paramref name="destination"/> (allocation-free after <see cref="CopyValues"/>).</summary>
    public void CopyValuesTo(T[][] destination)
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].Value.CopyTo(destination[i], 0);
    }

    /// <summary>Restores values captured by <see cref="CopyValues"/> or <see cref="CopyValuesTo"/>.</summary>
    /// <exception cref="ArgumentException">If the shapes differ.</exception>
    public void SetValues(IReadOnlyList<T[]> values)
    {
        if (values.Count != Parameters.Count)
            throw new ArgumentException($"Expected {Parameters.Count} parameter arrays, received {values.Count}.", nameof(values));
        for (int i = 0; i < Parameters.Count; i++)
        {
            if (values[i].Length != Parameters[i].Length)
                throw new ArgumentException(
                    $"Shape mismatch in '{Parameters[i].Name}': expected {Parameters[i].Length} values, received {values[i].Length}.", nameof(values));
            values[i].CopyTo(Parameters[i].Value, 0);
        }
    }

    /// <inheritdoc />
    public override string ToString()
        => $"Mlp {string.Join("-", new[] { Inputs }.Concat(Layers.Select(l => l.Units)))} ({string.Join(", ", Layers.Select(l => l.Activation.Name))})";
}
