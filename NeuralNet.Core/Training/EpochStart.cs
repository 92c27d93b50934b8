using System.Numerics;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Training;

/// <summary>
/// The optimizer, generator and row order as they were at the start of the running epoch: what a cancelled run
/// resumes from. Buffers are allocated once and overwritten at every epoch start; they become doubles only when a
/// <see cref="TrainerState"/> is taken.
/// </summary>
internal sealed class EpochStart<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Optimizer<T> _optimizer;
    private readonly Rng _rng;
    private readonly int[] _liveOrder;
    private readonly Dictionary<string, T[]> _optimizerState;
    private readonly (T[] Live, T[] Copy)[] _buffers; // the optimizer's buffers beside their copies, for Take
    private readonly int[] _order;

    public EpochStart(Optimizer<T> optimizer, Rng rng, int[] order)
    {
        (_optimizer, _rng, _liveOrder) = (optimizer, rng, order);
        _optimizerState = optimizer.State.ToDictionary(e => e.Key, e => (T[])e.Value.Clone());
        _buffers = optimizer.State.Select(e => (e.Value, _optimizerState[e.Key])).ToArray();
        _order = (int[])order.Clone();
        Steps = optimizer.StepCount;
        RngState = rng.GetState();
    }

    public long Steps { get; private set; }

    public IReadOnlyList<ulong> RngState { get; private set; }

    /// <summary>Copies the live optimizer state, generator state and row order.</summary>
    public void Take()
    {
        Steps = _optimizer.StepCount;
        foreach (var (live, copy) in _buffers) live.CopyTo(copy, 0);
        RngState = _rng.GetState();
        _liveOrder.CopyTo(_order, 0);
    }

    /// <summary>The state to resume from, with the given weights and early-stopping bookkeeping.</summary>
    public TrainerState ToState(int epoch, IReadOnlyList<T[]> parameters, IReadOnlyList<T[]> best, double bestMonitored,
        int bestEpoch, int sinceImprovement, IReadOnlyList<EpochMetrics> history) => new(
        epoch, ToDouble(parameters), Steps,
        _optimizerState.ToDictionary(e => e.Key, e => e.Value.Select(v => double.CreateChecked(v)).ToArray()), RngState, (int[])_order.Clone(),
        ToDouble(best), bestMonitored, bestEpoch, sinceImprovement, history.ToList());

    private static double[][] ToDouble(IReadOnlyList<T[]> values) => values.Select(v => v.Select(x => double.CreateChecked(x)).ToArray()).ToArray();
}
