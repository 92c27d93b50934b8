namespace NeuralNet.Core.Training;

/// <summary>Thrown by <see cref="Models.Model.Train"/> when the loss became NaN or infinite.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the error for <paramref name="divergence"/>.</summary>
    public TrainingDivergedException(DivergenceInfo divergence)
        : base($"training diverged in epoch {divergence.Epoch}, batch {divergence.Batch} (learning rate {divergence.LearningRate}); try a lower learning rate or clipping")
        => Divergence = divergence;

    /// <summary>Where training diverged.</summary>
    public DivergenceInfo Divergence { get; }
}
