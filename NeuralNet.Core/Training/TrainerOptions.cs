using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Core.Training;

/// <summary>Settings of a training run. Defaults follow scikit-learn's MLP where one exists.</summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training data; 0 evaluates the initial network only. Default 200.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Rows per mini-batch (the last one may be smaller). Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Reshuffle the training rows every epoch (from the seeded generator). Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Early stopping: stop after this many epochs without an improvement of the monitored loss (validation loss,
    /// or training loss without validation data) larger than <see cref="MinDelta"/>; null = never stop early.
    /// When set, the best weights are restored whatever ended training.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>Smallest decrease of the monitored loss that counts as an improvement. Default 0.</summary>
    public double MinDelta { get; init; }

    /// <summary>Clip the global gradient norm to this value before every step; null = no clipping.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Raise <see cref="Trainer{T}.CheckpointReady"/> after every N-th epoch; 0 = never. Default 0.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Dead-neuron measurement settings.</summary>
    public DeadNeuronOptions DeadNeurons { get; init; } = new();

    /// <summary>Recycling of dead or dormant units (ReDo); off by default.</summary>
    public RecycleOptions Recycle { get; init; } = new();

    /// <summary>Checks every value; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        if (Patience is < 0) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Expected patience ≥ 0.");
        if (!(MinDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "Expected min delta ≥ 0.");
        if (ClipNorm is { } c && !(c > 0 && double.IsFinite(c))) throw new ArgumentOutOfRangeException(nameof(ClipNorm), c, "Expected a finite clip norm > 0.");
        ArgumentOutOfRangeException.ThrowIfNegative(DeadNeurons.Every, nameof(DeadNeurons.Every));
        ArgumentOutOfRangeException.ThrowIfNegative(CheckpointEvery, nameof(CheckpointEvery));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Recycle.Every, nameof(Recycle.Every));
    }
}
