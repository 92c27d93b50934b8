using NeuralNet.Core.Data;
using NeuralNet.Core.Models;

namespace NeuralNet.Core.Training;

/// <summary>A run assembled by <see cref="TrainingPipeline"/>: the encoded data, the network and the fit settings, ready to train.</summary>
public sealed class TrainingRun
{
    private readonly Rng _rng;

    internal TrainingRun(TrainingSpec spec, TrainingData data, Network network, FitSettings fit, Rng rng)
        => (Spec, Data, Network, Fit, _rng) = (spec, data, network, fit, rng);

    /// <summary>What is trained.</summary>
    public TrainingSpec Spec { get; }

    /// <summary>The encoded training (and validation) data with its fitted encoders.</summary>
    public TrainingData Data { get; }

    /// <summary>The network being trained.</summary>
    public Network Network { get; }

    /// <summary>Loss, optimizer and trainer options.</summary>
    public FitSettings Fit { get; }

    /// <summary>Trains <see cref="Network"/> in place.</summary>
    /// <param name="onEpoch">Called after each epoch (and for epoch 0).</param>
    /// <param name="cancellation">Stops after the current batch; the result then says Cancelled.</param>
    /// <param name="resume">A checkpointed trainer state to continue from, or null.</param>
    /// <param name="onCheckpoint">Called with the state every <see cref="TrainingSpec.CheckpointEvery"/> epochs.</param>
    public TrainingResult Train(Action<EpochMetrics>? onEpoch = null, CancellationToken cancellation = default,
        TrainerState? resume = null, Action<TrainerState>? onCheckpoint = null)
        => Network.Fit(Data.Train, Data.Validation, Fit, _rng,
            onEpoch ?? (_ => { }), cancellation, resume, onCheckpoint);
}
