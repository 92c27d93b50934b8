using System.Numerics;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Training.Callbacks;

/// <summary>
/// ReDo (Sokar et al. 2023): after every <see cref="RecycleOptions.Every"/>-th epoch, finds the dead (or τ-dormant)
/// hidden units on the training set and recycles each: its incoming weights and bias are drawn again with the layer's
/// initializer (the bias is the initializer's own, 0 for weight-only initializers, without a constant bias offset: that
/// offset is what kills units in the negative-bias studies), its outgoing weights are set to 0 so the network's output
/// does not change, and the optimizer state of exactly those entries is reset.
/// </summary>
/// <remarks>
/// The draws come from the run's generator (<see cref="TrainingContext{T}.Rng"/>), which every checkpoint holds, so a
/// resumed run recycles the same units with the same values. One whole layer is drawn for every layer with a
/// recycled unit (as the reference implementation does) and only those units' columns are used.
/// </remarks>
/// <param name="monitor">The run's dead-neuron monitor, whose measurement of the same epoch is reused; null to measure here.</param>
public sealed class UnitRecycler<T>(DeadNeuronMonitor<T>? monitor) : ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    private ActivityMeter<T>? _meter;

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext<T> context)
    {
        foreach (var layer in context.Network.HiddenLayers)
            if (layer.Initializer is null)
                throw new InvalidOperationException($"Recycling needs the initializer of '{layer.Name}'; initialize the layer with DenseLayer.Initialize.");
        _meter = new ActivityMeter<T>(context.Network, Evaluator<T>.PassChunk(context.Options.BatchSize));
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext<T> context, EpochEnd epoch)
    {
        var options = context.Options.Recycle;
        if (epoch.Epoch == 0 || epoch.Epoch % options.Every != 0) return;
        var activity = monitor?.Latest is { Epoch: var e, Activity: { } measured } && e == epoch.Epoch
            ? measured
            : _meter!.Measure(context.Train.Features);
        var recycled = new List<RecycledUnit>();
        for (int l = 0; l < activity.Count; l++)
        {
            var units = Select(activity[l], options.Mode, context.Options.DeadNeurons.DormantTau);
            if (units.Count == 0) continue;
            Recycle(context.Network, context.Optimizer, context.Rng, l, units);
            foreach (int u in units)
            {
                recycled.Add(new RecycledUnit(epoch.Epoch, l, u));
                monitor?.Recycled(context, epoch.Epoch, l, u);
            }
        }
        epoch.Recycled = recycled;
    }

    /// <summary>The units of one layer that <paramref name="mode"/> recycles.</summary>
    public static IReadOnlyList<int> Select(LayerActivity activity, RecycleMode mode, double dormantTau)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (mode == RecycleMode.Dead) return Enumerable.Range(0, activity.Units).Where(activity.IsDead).ToList();
        if (mode != RecycleMode.Dormant) return [];
        var scores = activity.DormantScores();
        return Enumerable.Range(0, scores.Length).Where(u => scores[u] <= dormantTau).ToList();
    }

    /// <summary>
    /// Recycles <paramref name="units"/> of hidden layer <paramref name="l"/>: incoming weights and bias drawn again from
    /// <paramref name="rng"/> with the layer's initializer, outgoing weights 0, and their optimizer state reset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If <paramref name="l"/> is not a hidden layer or a unit is outside it.</exception>
    /// <exception cref="InvalidOperationException">If the layer was never initialized (no initializer to draw with).</exception>
    public static void Recycle(Mlp<T> network, Optimizer<T> optimizer, Rng rng, int l, IReadOnlyList<int> units)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfNegative(l);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(l, network.Layers.Count - 1);
        var layer = network.Layers[l];
        var next = network.Layers[l + 1];
        foreach (int u in units)
            if ((uint)u >= (uint)layer.Units) throw new ArgumentOutOfRangeException(nameof(units), u, $"No unit {u} in '{layer.Name}' ({layer.Units} units).");
        var initializer = layer.Initializer ?? throw new InvalidOperationException($"'{layer.Name}' has no initializer to draw with.");
        int inputs = layer.Inputs;
        var weights = new double[layer.Weights.Length];
        var biases = new double[layer.Units];
        if (initializer is INeuronInitializer perUnit) perUnit.Fill(weights, biases, inputs, layer.Units, rng);
        else initializer.Fill(weights, inputs, layer.Units, layer.Activation.NegativeSlope, rng);
        foreach (int u in units)
        {
            // Column-major storage: unit u's incoming weights are column u of W (inputs × units), its outgoing weights
            // row u of the next layer's W (units × next units), at u, u + units, u + 2·units, ...
            for (int i = 0; i < inputs; i++) layer.Weights.Value[u * inputs + i] = T.CreateChecked(weights[u * inputs + i]);
            layer.Bias.Value[u] = T.CreateChecked(biases[u]);
            for (int k = 0; k < next.Units; k++) next.Weights.Value[k * next.Inputs + u] = T.Zero;
            optimizer.ResetState(layer.Weights, u * inputs, inputs);
            optimizer.ResetState(layer.Bias, u, 1);
            optimizer.ResetState(next.Weights, u, next.Units, next.Inputs);
        }
    }
}
