using System.Diagnostics;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Callbacks;

namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// Times a training run from inside the trainer: epoch 1 is the untimed warm-up, then <c>repeats</c> repeats of whole
/// epochs, each lasting at least <c>seconds</c> (timed from one epoch's completion to another's, so everything the
/// trainer does per epoch counts), then it finishes the run. Counts the bytes the training thread allocates inside
/// the step loops of the timed epochs (from each epoch's start to its last loss).
/// </summary>
internal sealed class BenchmarkClock(int repeats, double seconds, int rowsPerEpoch) : ITrainingCallback<float>
{
    private long _repeatStart, _allocationStart, _allocationLast;
    private int _repeat = -1, _repeatEpochs;
    private double _batchLoss;

    public double[] SamplesPerSecond { get; } = new double[repeats];
    public int TimedEpochs { get; private set; }
    public long AllocatedInSteps { get; private set; }
    public double FirstLoss { get; private set; }
    public double LastLoss { get; private set; }

    public void OnEpochBegin(TrainingContext<float> context) => _allocationStart = GC.GetAllocatedBytesForCurrentThread();

    public void OnBatchLoss(TrainingContext<float> context, in BatchInfo batch)
    {
        _batchLoss = batch.Loss;
        _allocationLast = GC.GetAllocatedBytesForCurrentThread();
    }

    public void OnEpochEnd(TrainingContext<float> context, EpochEnd epoch)
    {
        if (epoch.Epoch == 0) return;
        if (_repeat >= 0) AllocatedInSteps += _allocationLast - _allocationStart; // from the epoch's start to its last batch's loss
        if (epoch.Epoch == 1) FirstLoss = _batchLoss;
        LastLoss = _batchLoss;
    }

    public void OnEpochCompleted(TrainingContext<float> context, EpochMetrics metrics)
    {
        long now = Stopwatch.GetTimestamp();
        if (_repeat < 0) { (_repeat, _repeatStart, _repeatEpochs) = (0, now, 0); return; } // warm-up done
        _repeatEpochs++;
        TimedEpochs++;
        double elapsed = Stopwatch.GetElapsedTime(_repeatStart, now).TotalSeconds;
        if (elapsed < seconds) return;
        SamplesPerSecond[_repeat] = (double)_repeatEpochs * rowsPerEpoch / elapsed;
        if (++_repeat == SamplesPerSecond.Length) context.Finish();
        (_repeatStart, _repeatEpochs) = (Stopwatch.GetTimestamp(), 0);
    }
}
