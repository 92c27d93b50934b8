using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Layers;

/// <summary>
/// A fully connected layer followed by its activation: z = x·W + b, a = f(z), on a batch
/// (rows = samples). W is inputs × units, b is 1 × units.
/// </summary>
/// <remarks>
/// Forward and backward are three products each way through the <see cref="Gemm"/> seam, into matrices
/// preallocated once per batch size (so after the first epoch no step allocates):
/// forward z = x·W; backward dW += xᵀ·dz, db += column sums of dz, dx = dz·Wᵀ.
/// </remarks>
public sealed class DenseLayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<int, Workspace> _workspaces = new();
    private readonly DenseLayerPasses<T> _passes;
    private Workspace? _last;

    /// <summary>Creates a layer with zero weights; call <see cref="Initialize"/> before training.</summary>
    /// <param name="inputs">Inputs per sample.</param>
    /// <param name="units">Units (outputs per sample).</param>
    /// <param name="activation">The activation applied to z; built for <paramref name="units"/> units.</param>
    /// <param name="name">Parameter name prefix, for example "layer0".</param>
    /// <exception cref="ArgumentException">If the activation's unit count differs from <paramref name="units"/>.</exception>
    public DenseLayer(int inputs, int units, IActivation<T> activation, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentNullException.ThrowIfNull(activation);
        if (activation.Units != units)
            throw new ArgumentException($"Expected an activation for {units} units, received one for {activation.Units}.", nameof(activation));
        Inputs = inputs;
        Units = units;
        Name = name;
        Activation = activation;
        _passes = new DenseLayerPasses<T>(activation);
        Weights = new Parameter<T>(name + ".weights", inputs, units, applyWeightDecay: true);
        Bias = new Parameter<T>(name + ".bias", 1, units, applyWeightDecay: false);
        Parameters = [Weights, Bias, .. activation.Parameters];
    }

    /// <summary>A layer over the same parameters and activation with buffers of its own (see <see cref="ShareParameters"/>).</summary>
    private DenseLayer(DenseLayer<T> source)
    {
        (Inputs, Units, Name, Activation, Weights, Bias, Parameters, Initializer) =
            (source.Inputs, source.Units, source.Name, source.Activation, source.Weights, source.Bias, source.Parameters, source.Initializer);
        _passes = new DenseLayerPasses<T>(Activation);
    }

    /// <summary>
    /// A twin that reads this layer's weights, bias and activation (the same objects) but has buffers of its own, so a
    /// second thread can run forward passes at the same time; not for training (its gradients are this layer's).
    /// </summary>
    internal DenseLayer<T> ShareParameters() => new(this);

    /// <summary>Inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>Units in the layer.</summary>
    public int Units { get; }

    /// <summary>Name prefix of the layer's parameters.</summary>
    public string Name { get; }

    /// <summary>The activation applied after the affine map.</summary>
    public IActivation<T> Activation { get; }

    /// <summary>W, inputs × units.</summary>
    public Parameter<T> Weights { get; }

    /// <summary>b, 1 × units.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>W, b and the activation's parameters, in that order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>
    /// Draws W with <paramref name="initializer"/> and sets every bias to <paramref name="biasValue"/>
    /// (added to the drawn bias for an <see cref="INeuronInitializer"/>, which draws biases too).
    /// </summary>
    /// <param name="initializer">Weight initializer.</param>
    /// <param name="biasValue">Constant bias (0 by default; a strongly negative one kills ReLU units).</param>
    /// <param name="rng">The seeded generator.</param>
    public void Initialize(IWeightInitializer initializer, double biasValue, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        Initializer = initializer;
        var draws = new double[Weights.Length];
        var biases = new double[Units];
        if (initializer is INeuronInitializer perUnit)
            perUnit.Fill(draws, biases, Inputs, Units, rng); // draws each unit's weights and bias together
        else
            initializer.Fill(draws, Inputs, Units, Activation.NegativeSlope, rng);
        for (int i = 0; i < draws.Length; i++) Weights.Value[i] = T.CreateChecked(draws[i]);
        for (int j = 0; j < Units; j++) Bias.Value[j] = T.CreateChecked(biases[j] + biasValue);
    }

    /// <summary>The initializer of the last <see cref="Initialize"/> (what recycling draws a unit again with); null before.</summary>
    public IWeightInitializer? Initializer { get; private set; }

    /// <summary>
    /// Forward pass on a batch. Returns the activation output (a buffer owned by the layer, valid until the next
    /// forward with the same number of rows). When <paramref name="positiveCounts"/> is not empty, adds to
    /// element j the number of rows on which unit j's pre-activation is &gt; 0 (the dead-neuron statistics).
    /// </summary>
    /// <exception cref="ArgumentException">If the input does not have <see cref="Inputs"/> columns, or the counts span is the wrong length.</exception>
    public Matrix<T> Forward(Matrix<T> input, Span<int> positiveCounts = default)
    {
        if (input.ColumnCount != Inputs)
            throw new ArgumentException($"Expected a batch with {Inputs} columns, received {input.ColumnCount}.", nameof(input));
        if (!positiveCounts.IsEmpty && positiveCounts.Length != Units)
            throw new ArgumentException($"Expected {Units} counters, received {positiveCounts.Length}.", nameof(positiveCounts));
        var ws = WorkspaceFor(input.RowCount);
        ws.Input = input;
        // Bias, count and activation run on each group of units as soon as the product has finished it.
        _passes.BeginForward(ws.Z, ws.Output, Bias.Value);
        Gemm.Multiply(input, Weights.ValueMatrix, ws.Z, _passes);
        _passes.EndForward(ws.Z, ws.Output, positiveCounts);
        _last = ws;
        return ws.Output;
    }

    /// <summary>
    /// Backward pass for the batch of the last <see cref="Forward"/>: accumulates dW, db (and the activation's
    /// parameter gradients) and returns dL/dx, or null when <paramref name="computeInputGradient"/> is false
    /// (the first layer needs no input gradient).
    /// </summary>
    /// <exception cref="InvalidOperationException">If no forward pass preceded it.</exception>
    public Matrix<T>? Backward(Matrix<T> gradOutput, bool computeInputGradient = true)
    {
        var ws = _last ?? throw new InvalidOperationException("Backward called before Forward.");
        _passes.Backward(ws.Z, gradOutput, ws.GradZ, Bias.Gradient);
        var weightGradient = Weights.GradientForOverwrite(out bool zeroed);
        if (!computeInputGradient)
        {
            Gemm.TransposeThisAndMultiply(ws.Input!, ws.GradZ, weightGradient, accumulate: !zeroed);
            return null;
        }
        // dW and dx are independent: the seam may run them side by side.
        Gemm.WeightAndInputGradients(ws.Input!, ws.GradZ, Weights.ValueMatrix, weightGradient, !zeroed, ws.GradInput);
        return ws.GradInput;
    }

    /// <summary>The output h = activation(z) of the last forward pass (a layer-owned buffer).</summary>
    public Matrix<T> LastOutput => (_last ?? throw new InvalidOperationException("No forward pass yet.")).Output;

    /// <summary>The pre-activation z of the last forward pass (a layer-owned buffer).</summary>
    public Matrix<T> LastPreActivation => (_last ?? throw new InvalidOperationException("No forward pass yet.")).Z;

    private Workspace WorkspaceFor(int rows)
    {
        if (_workspaces.TryGetValue(rows, out var ws)) return ws;
        ws = new Workspace(rows, Inputs, Units);
        _workspaces[rows] = ws;
        return ws;
    }

    /// <summary>Buffers for one batch size.</summary>
    private sealed class Workspace(int rows, int inputs, int units)
    {
        public Matrix<T>? Input;
        public readonly Matrix<T> Z = Matrix<T>.Build.Dense(rows, units);
        public readonly Matrix<T> Output = Matrix<T>.Build.Dense(rows, units);
        public readonly Matrix<T> GradZ = Matrix<T>.Build.Dense(rows, units);
        public readonly Matrix<T> GradInput = Matrix<T>.Build.Dense(rows, inputs);
    }
}
