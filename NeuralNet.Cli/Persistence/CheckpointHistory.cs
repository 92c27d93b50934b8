using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// Converts an epoch's metrics to a checkpoint's history entry and back without losing what a report draws from it:
/// the losses and metrics, the whole dead-neuron measurement (unit lists, shares, τ) and the units recycled. A resumed
/// run's history then equals the uninterrupted run's (its model file's <c>deadPerLayer</c>, <c>--metrics-csv</c>, the
/// report's charts), and the dead-neuron monitor knows which units were dead when the run stopped.
/// </summary>
public static class CheckpointHistory
{
    /// <summary>The history entry of <paramref name="m"/>; a value that is not finite (no training loss at epoch 0) is left out.</summary>
    public static CheckpointEpochDocument ToDocument(EpochMetrics m) => new(m.Epoch, Finite(m.Loss), Finite(m.Metric),
        m.ValidationLoss is { } vl ? Finite(vl) : null, m.ValidationMetric is { } vm ? Finite(vm) : null)
    {
        DeadNeurons = m.DeadNeurons?.Select(s => new CheckpointDeadLayerDocument(s.Layer, s.Activation, s.Units, s.NearDead, s.ZeroFraction,
            s.DormantTau, s.DeadUnits, s.InactiveUnits, s.DormantUnits,
            TensorCodec.Encode(s.ActiveShares.ToArray(), [s.ActiveShares.Count], TensorCodec.Float64))).ToList(),
        Recycled = m.Recycled.Count == 0 ? null : m.Recycled.Select(r => new CheckpointRecycledDocument(r.Layer, r.Unit)).ToList(),
        Causes = m.Causes.Count == 0 ? null : m.Causes.Select(c => new CheckpointCauseDocument(c.Layer, c.Unit, c.LastActiveEpoch, c.LastActiveBatch,
            c.BiasChange, c.WeightChangeNorm, c.WeightNorm, c.InputRms, c.LearningRate, c.Verdict.ToString())).ToList(),
        Seconds = m.Elapsed.Ticks / (double)TimeSpan.TicksPerSecond,
    };

    /// <summary>The metrics of a history entry that <see cref="CheckpointValidator"/> accepted.</summary>
    public static EpochMetrics ToMetrics(CheckpointEpochDocument d)
        => new(d.Epoch, d.Loss ?? double.NaN, d.Metric ?? double.NaN, d.ValidationLoss, d.ValidationMetric,
            d.DeadNeurons?.Select(s => ToStats(s, d.Epoch)).ToList(), TimeSpan.FromTicks((long)Math.Round(d.Seconds * TimeSpan.TicksPerSecond)))
        {
            Recycled = d.Recycled?.Select(r => new RecycledUnit(d.Epoch, r.Layer, r.Unit)).ToList() ?? [],
            Causes = d.Causes?.Select(c => new DeathCause(c.Layer, c.Unit, d.Epoch, c.LastActiveEpoch, c.LastActiveBatch, c.BiasChange,
                c.WeightChangeNorm, c.WeightNorm, c.InputRms, c.LearningRate, Verdict(c.Verdict) ?? DeathVerdict.Unclear)).ToList() ?? [], // validated
        };

    /// <summary>The verdict stored as <paramref name="name"/> (its enum name); null for any other text.</summary>
    public static DeathVerdict? Verdict(string name)
        => Enum.TryParse<DeathVerdict>(name, ignoreCase: false, out var verdict) && Enum.IsDefined(verdict) && Enum.GetName(verdict) == name ? verdict : null;

    /// <summary>
    /// The active shares of one layer's measurement after <paramref name="epoch"/>, a block named
    /// "history.EPOCH.layers.L.activeShares" in messages.
    /// </summary>
    /// <exception cref="ArgumentException">If the block is missing, not float64 of shape [units] (or [0]), or holds a non-finite value.</exception>
    public static double[] ActiveShares(CheckpointDeadLayerDocument layer, int epoch)
    {
        string name = $"history.{epoch}.layers.{layer.Layer}.activeShares";
        var block = layer.ActiveShares ?? throw new ArgumentException($"parameter '{name}' is missing");
        return TensorCodec.Decode(block, name, block.Shape is [0] ? [0] : [layer.Units], TensorCodec.Float64);
    }

    private static LayerDeadStats ToStats(CheckpointDeadLayerDocument s, int epoch) => new(s.Layer, s.Activation, s.Units,
        s.DeadUnits.Count, s.InactiveUnits.Count, s.NearDead, s.DeadUnits, s.InactiveUnits, s.ZeroFraction)
    {
        ActiveShares = ActiveShares(s, epoch),
        DormantUnits = s.DormantUnits,
        DormantTau = s.DormantTau,
    };

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
