using System.Numerics;

namespace NeuralNet.Core.Training.Callbacks;

/// <summary>Raises <see cref="Ready"/> with the state to resume from after every <see cref="TrainerOptions.CheckpointEvery"/>-th epoch.</summary>
/// <param name="capture">Takes the state at the current epoch boundary (from the trainer).</param>
public sealed class Checkpointer<T>(Func<TrainerState> capture) : ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Raised with each checkpoint.</summary>
    public event Action<TrainerState>? Ready;

    /// <inheritdoc />
    public void OnEpochCompleted(TrainingContext<T> context, EpochMetrics metrics)
    {
        int every = context.Options.CheckpointEvery;
        if (every > 0 && metrics.Epoch % every == 0 && Ready is { } ready) ready(capture());
    }
}
