using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments;

/// <summary>The result of one run of an experiment grid.</summary>
/// <param name="Index">Position of the run in the grid (results are reported in this order, whatever the thread count).</param>
/// <param name="Settings">What was run.</param>
/// <param name="Result">The full training result.</param>
/// <param name="Metric">Final validation metric, or the training metric when there is no validation data (for epochs = 0: on the initial network).</param>
/// <param name="MetricName">"accuracy" or "r2".</param>
/// <param name="Dead">Dead hidden units at the end (ReLU, or PReLU with |α| below the threshold).</param>
/// <param name="Inactive">Inactive hidden units at the end (never positive but still passing gradient).</param>
/// <param name="Units">Hidden units in all.</param>
/// <param name="BornDead">Hidden units silent at initialization.</param>
/// <param name="BornDeadLayer">Whether some hidden layer was entirely dead at initialization (the network was born dead: its output is constant).</param>
/// <param name="DeadLayerAtEnd">Whether some hidden layer is entirely dead at the end.</param>
public sealed record RunOutcome(
    int Index, RunSettings Settings, TrainingResult Result, double Metric, string MetricName,
    int Dead, int Inactive, int Units, int BornDead, bool BornDeadLayer, bool DeadLayerAtEnd)
{
    /// <summary>Dead share of the hidden units, in [0, 1].</summary>
    public double DeadShare => Units == 0 ? 0 : (double)Dead / Units;

    /// <summary>Units recycled (ReDo) over the run, all layers and epochs; a unit recycled twice counts twice. The per-epoch events are in the history.</summary>
    public int Recycled => Result.History.Sum(h => h.Recycled.Count);

    /// <summary>Whether the run ended on its own (completed, stopped early or diverged), not by cancellation.</summary>
    public bool Finished => Result.StopReason != StopReason.Cancelled;

    /// <summary>The epoch of the weights held at the end (the best epoch when early stopping restored it).</summary>
    public int BestEpoch => Result.BestEpoch;
}
