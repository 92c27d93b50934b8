using System.Numerics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Training.Callbacks;

/// <summary>What a callback of one <see cref="Trainer{T}.Fit"/> call sees and may change.</summary>
public sealed class TrainingContext<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly List<EpochMetrics> _history;

    internal TrainingContext(Mlp<T> network, Optimizer<T> optimizer, Rng rng, TrainerOptions options,
        Dataset<T> train, Dataset<T>? validation, TrainerState? resume, List<EpochMetrics> history)
        => (Network, Optimizer, Rng, Options, Train, Validation, Resume, _history) = (network, optimizer, rng, options, train, validation, resume, history);

    /// <summary>The network being trained.</summary>
    public Mlp<T> Network { get; }

    /// <summary>Its optimizer.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The run's seeded generator (shuffling; recycling draws). Checkpointed at every epoch start.</summary>
    public Rng Rng { get; }

    /// <summary>The trainer's options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The training rows.</summary>
    public Dataset<T> Train { get; }

    /// <summary>The validation rows, if any.</summary>
    public Dataset<T>? Validation { get; }

    /// <summary>The state this run resumed from, or null for a fresh run.</summary>
    public TrainerState? Resume { get; }

    /// <summary>Published metrics so far (epoch 0 first).</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    /// <summary>The running epoch (0 before the first).</summary>
    public int Epoch { get; internal set; }

    /// <summary>Why training is ending; <see cref="StopReason.Completed"/> while it runs.</summary>
    public StopReason StopReason { get; private set; } = StopReason.Completed;

    /// <summary>Details of a divergence, once <see cref="StopReason"/> is <see cref="StopReason.Diverged"/>.</summary>
    public DivergenceInfo? Divergence { get; private set; }

    /// <summary>
    /// Counters the training forward pass fills, one array per hidden layer (rows with z &gt; 0 per unit), or null
    /// (no counting). Set by a callback in <see cref="ITrainingCallback{T}.OnTrainBegin"/>; reset by whoever reads it.
    /// </summary>
    public int[][]? BatchPositiveCounts { get; set; }

    /// <summary>Whether a callback asked to stop (or to finish).</summary>
    public bool Stopping => StopReason != StopReason.Completed || _finished;

    private bool _finished;

    /// <summary>
    /// Ends training after the current epoch as if it were the last one requested (<see cref="StopReason.Completed"/>);
    /// call it from <see cref="ITrainingCallback{T}.OnEpochCompleted"/> (for example a benchmark's clock).
    /// </summary>
    public void Finish() => _finished = true;

    /// <summary>Ends training after the current batch or epoch; the first reason given wins.</summary>
    public void Stop(StopReason reason, DivergenceInfo? divergence = null)
    {
        if (Stopping || reason == StopReason.Completed) return;
        StopReason = reason;
        Divergence = divergence;
    }
}
