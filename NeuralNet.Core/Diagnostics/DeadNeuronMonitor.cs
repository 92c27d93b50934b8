using System.Numerics;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Callbacks;

namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// Measures dead neurons on the full training set with the end-of-epoch weights: at initialization (epoch 0), after
/// every <see cref="DeadNeuronOptions.Every"/>-th epoch and after the last one, and once more at the end for the
/// weights the network keeps. Follows every unit across the measurements (<see cref="DeadNeuronTracker"/>).
/// </summary>
public sealed class DeadNeuronMonitor<T> : ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly DeadNeuronTracker _tracker = new();
    private ActivityMeter<T>? _meter;

    /// <summary>The activity of the latest measurement and the epoch it was taken after (-1: none yet).</summary>
    public (int Epoch, IReadOnlyList<LayerActivity>? Activity) Latest { get; private set; } = (-1, null);

    /// <summary>Per hidden layer: born dead, revived, death epochs (empty before the first measurement).</summary>
    public IReadOnlyList<LayerTimeline> Timeline => _tracker.Summarize();

    /// <summary>The statistics of the weights the network holds at the end; null before <see cref="OnTrainEnd"/>.</summary>
    public IReadOnlyList<LayerDeadStats>? Final { get; private set; }

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext<T> context) => _meter = new ActivityMeter<T>(context.Network, context.Options.BatchSize);

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext<T> context, EpochEnd epoch)
    {
        int every = Math.Max(1, context.Options.DeadNeurons.Every);
        if (epoch.Epoch % every == 0 || epoch.Epoch == context.Options.Epochs) epoch.DeadNeurons = Measure(context, epoch.Epoch);
    }

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext<T> context) => Final = Summarize(context, _meter!.Measure(context.Train.Features));

    private IReadOnlyList<LayerDeadStats> Measure(TrainingContext<T> context, int epoch)
    {
        var activity = _meter!.Measure(context.Train.Features);
        _tracker.Record(epoch, activity);
        Latest = (epoch, activity);
        return Summarize(context, activity);
    }

    private static IReadOnlyList<LayerDeadStats> Summarize(TrainingContext<T> context, IReadOnlyList<LayerActivity> activity)
    {
        var o = context.Options.DeadNeurons;
        return activity.Select(a => LayerDeadStats.From(a, o.NearDeadShare, o.DormantTau)).ToList();
    }
}
