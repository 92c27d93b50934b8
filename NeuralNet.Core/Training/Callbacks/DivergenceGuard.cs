using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Training.Callbacks;

/// <summary>
/// Stops training when the loss of a batch is NaN or infinite (before its step is taken), or when an epoch's last
/// step left non-finite weights while its loss was still finite (float32 overflow). Keeps the weights of the last
/// finished epoch and puts them back when training stops in the middle of an epoch (divergence or cancellation).
/// </summary>
public sealed class DivergenceGuard<T> : ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    private T[][] _lastGood = [];
    private int _lastBatch;

    /// <summary>The weights at the end of the last finished epoch (what a resumed run starts from).</summary>
    public IReadOnlyList<T[]> LastGood => _lastGood;

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext<T> context) => _lastGood = context.Network.CopyValues();

    /// <inheritdoc />
    public void OnBatchLoss(TrainingContext<T> context, in BatchInfo batch)
    {
        _lastBatch = batch.Batch;
        if (!double.IsFinite(batch.Loss))
            context.Stop(StopReason.Diverged,
                new DivergenceInfo(batch.Epoch, batch.Batch, batch.Loss, FirstNonFiniteLayer(context), context.Optimizer.LearningRate));
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext<T> context, EpochEnd epoch)
    {
        if (epoch.Epoch > 0 && FirstNonFiniteLayer(context) is { } overflowed)
            context.Stop(StopReason.Diverged, new DivergenceInfo(epoch.Epoch, _lastBatch, double.NaN, overflowed, context.Optimizer.LearningRate));
    }

    /// <inheritdoc />
    public void OnEpochCompleted(TrainingContext<T> context, EpochMetrics metrics) => context.Network.CopyValuesTo(_lastGood);

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext<T> context)
    {
        if (context.StopReason is StopReason.Diverged or StopReason.Cancelled) context.Network.SetValues(_lastGood);
    }

    private static int? FirstNonFiniteLayer(TrainingContext<T> context)
    {
        var layers = context.Network.Layers;
        for (int l = 0; l < layers.Count; l++)
            for (int p = 0; p < layers[l].Parameters.Count; p++) // indexed: enumerating the interface allocates
                if (!AllFinite(layers[l].Parameters[p].Value)) return l;
        return null;
    }

    /// <summary>Whether every value is finite: v − v is 0 for a finite v and NaN for ±∞ and NaN (a vector at a time, every epoch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AllFinite(ReadOnlySpan<T> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<T>.Count <= values.Length; i += Vector<T>.Count)
            {
                var v = new Vector<T>(values[i..]);
                if (!Vector.EqualsAll(v - v, Vector<T>.Zero)) return false;
            }
        for (; i < values.Length; i++)
            if (!T.IsFinite(values[i])) return false;
        return true;
    }
}
