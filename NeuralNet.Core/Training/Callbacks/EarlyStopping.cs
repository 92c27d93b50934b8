using System.Numerics;

namespace NeuralNet.Core.Training.Callbacks;

/// <summary>
/// Tracks the best epoch by the monitored loss (validation loss, else training loss) and keeps its weights. With
/// <see cref="TrainerOptions.Patience"/> set, stops after that many epochs without an improvement larger than
/// <see cref="TrainerOptions.MinDelta"/>, and restores the best weights at the end unless training diverged.
/// </summary>
public sealed class EarlyStopping<T> : ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    private T[][] _best = [];

    /// <summary>The weights of <see cref="BestEpoch"/> (the initial ones while it is 0).</summary>
    public IReadOnlyList<T[]> Best => _best;

    /// <summary>The best monitored loss so far (+∞ before the first epoch).</summary>
    public double BestMonitored { get; private set; } = double.PositiveInfinity;

    /// <summary>The epoch of <see cref="Best"/> (0: none yet).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int SinceImprovement { get; private set; }

    /// <summary>Whether <see cref="OnTrainEnd"/> put the best weights back.</summary>
    public bool Restored { get; private set; }

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext<T> context)
    {
        Restored = false;
        if (context.Resume is { } r)
        {
            _best = r.BestParameters.Select(v => v.Select(T.CreateChecked).ToArray()).ToArray();
            (BestMonitored, BestEpoch, SinceImprovement) = (r.BestMonitored, r.BestEpoch, r.SinceImprovement);
        }
        else
        {
            _best = context.Network.CopyValues();
            (BestMonitored, BestEpoch, SinceImprovement) = (double.PositiveInfinity, 0, 0);
        }
    }

    /// <inheritdoc />
    public void OnEpochCompleted(TrainingContext<T> context, EpochMetrics metrics)
    {
        double monitored = metrics.ValidationLoss ?? metrics.Loss;
        if (monitored < BestMonitored - context.Options.MinDelta)
        {
            BestMonitored = monitored;
            BestEpoch = metrics.Epoch;
            SinceImprovement = 0;
            context.Network.CopyValuesTo(_best);
        }
        else if (context.Options.Patience is { } patience && ++SinceImprovement > patience)
        {
            context.Stop(StopReason.EarlyStopped);
        }
    }

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext<T> context)
    {
        Restored = context.Options.Patience is not null && BestEpoch > 0 && context.StopReason != StopReason.Diverged;
        if (Restored) context.Network.SetValues(_best);
    }
}
