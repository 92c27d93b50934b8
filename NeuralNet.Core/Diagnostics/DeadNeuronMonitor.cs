using System.Numerics;
using System.Runtime.CompilerServices;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Callbacks;

namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// Measures dead neurons on the full training set with the end-of-epoch weights: at initialization (epoch 0), after
/// every <see cref="DeadNeuronOptions.Every"/>-th epoch and after the last one, and once more at the end for the
/// weights the network keeps. Follows every unit across the measurements (<see cref="DeadNeuronTracker"/>), and
/// explains each death (<see cref="Causes"/>).
/// </summary>
/// <remarks>
/// The training forward pass counts, per batch, the rows on which each unit is positive (the fused bias pass does it
/// as it adds the bias; no extra pass); from them the monitor keeps each unit's last active epoch and batch. At every
/// measurement it compares each newly dead unit's bias and incoming weights with those at the previous measurement
/// and records a <see cref="DeathCause"/>. After a resume the history before it is not known: the first measurement
/// compares with the resumed weights, and the last active epoch counts from the resume.
/// </remarks>
public sealed class DeadNeuronMonitor<T> : ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly DeadNeuronTracker _tracker = new();
    private readonly List<DeathCause> _causes = new();
    private ActivityMeter<T>? _meter;
    private int[][] _counts = [], _lastEpoch = [], _lastBatch = [];
    private T[][] _weightsBefore = [], _biasBefore = [];
    private bool[][] _wasDead = [];
    private bool[][] _deadSinceStart = [];
    private Parameter<T>[] _hiddenParameters = [];
    private T[][] _measuredValues = []; // the hidden layers' parameters at the latest measurement

    /// <summary>The activity of the latest measurement and the epoch it was taken after (-1: none yet).</summary>
    public (int Epoch, IReadOnlyList<LayerActivity>? Activity) Latest { get; private set; } = (-1, null);

    /// <summary>Per hidden layer: born dead, revived, recycled, death epochs (empty before the first measurement).</summary>
    public IReadOnlyList<LayerTimeline> Timeline => _tracker.Summarize();

    /// <summary>Every death seen, in the order found: what moved the unit and the verdict.</summary>
    public IReadOnlyList<DeathCause> Causes => _causes;

    /// <summary>The statistics of the weights the network holds at the end; null before <see cref="OnTrainEnd"/>.</summary>
    public IReadOnlyList<LayerDeadStats>? Final { get; private set; }

    /// <summary>The tracker, for a recycler to mark recycled units.</summary>
    internal DeadNeuronTracker Tracker => _tracker;

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext<T> context)
    {
        var hidden = context.Network.HiddenLayers.ToArray();
        _meter = new ActivityMeter<T>(context.Network, Evaluator<T>.PassChunk(context.Options.BatchSize));
        _counts = hidden.Select(l => new int[l.Units]).ToArray();
        _lastEpoch = hidden.Select(l => Enumerable.Repeat(-1, l.Units).ToArray()).ToArray();
        _lastBatch = hidden.Select(l => new int[l.Units]).ToArray();
        _weightsBefore = hidden.Select(l => (T[])l.Weights.Value.Clone()).ToArray();
        _biasBefore = hidden.Select(l => (T[])l.Bias.Value.Clone()).ToArray();
        _wasDead = hidden.Select(l => new bool[l.Units]).ToArray();
        _deadSinceStart = hidden.Select(l => new bool[l.Units]).ToArray();
        _hiddenParameters = hidden.SelectMany(l => l.Parameters).ToArray();
        _measuredValues = _hiddenParameters.Select(p => new T[p.Length]).ToArray();
        // A resumed run: the units dead at the last measurement before it are not new deaths.
        if (context.History.LastOrDefault(h => h.DeadNeurons is not null)?.DeadNeurons is { } last)
            foreach (var s in last.Where(s => s.Layer < _wasDead.Length))
                foreach (int u in s.DeadUnits) _wasDead[s.Layer][u] = true;
        context.BatchPositiveCounts = _counts;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnBatchLoss(TrainingContext<T> context, in BatchInfo batch)
    {
        for (int l = 0; l < _counts.Length; l++)
        {
            Span<int> counts = _counts[l], lastEpoch = _lastEpoch[l], lastBatch = _lastBatch[l];
            int u = 0;
            if (Vector.IsHardwareAccelerated && lastEpoch.Length == counts.Length && lastBatch.Length == counts.Length)
            {
                // Every step: a vector of units at a time, the units that were positive taking this epoch and batch.
                Vector<int> epoch = new(batch.Epoch), batchNumber = new(batch.Batch);
                for (; u + Vector<int>.Count <= counts.Length; u += Vector<int>.Count)
                {
                    var silent = Vector.Equals(new Vector<int>(counts[u..]), Vector<int>.Zero);
                    Vector.ConditionalSelect(silent, new Vector<int>(lastEpoch[u..]), epoch).CopyTo(lastEpoch[u..]);
                    Vector.ConditionalSelect(silent, new Vector<int>(lastBatch[u..]), batchNumber).CopyTo(lastBatch[u..]);
                    Vector<int>.Zero.CopyTo(counts[u..]);
                }
            }
            for (; u < counts.Length; u++)
            {
                if (counts[u] == 0) continue;
                lastEpoch[u] = batch.Epoch;
                lastBatch[u] = batch.Batch;
                counts[u] = 0;
            }
        }
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext<T> context, EpochEnd epoch)
    {
        int every = Math.Max(1, context.Options.DeadNeurons.Every);
        if (epoch.Epoch % every == 0 || epoch.Epoch == context.Options.Epochs) epoch.DeadNeurons = Measure(context, epoch.Epoch);
    }

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext<T> context)
    {
        context.BatchPositiveCounts = null;
        // The usual end: the weights kept are those the last epoch was measured with (no step, restore or recycling
        // since), and the activity depends on nothing else; a second pass over the training rows would give the same.
        var activity = Latest.Activity is { } latest && UnchangedSinceMeasured() ? latest : _meter!.Measure(context.Train.Features);
        Final = Summarize(context, activity);
    }

    /// <summary>
    /// Tells the monitor that a unit's incoming weights and bias were drawn again after <paramref name="epoch"/>: it is a
    /// live unit again, and its next death is compared with the new values.
    /// </summary>
    internal void Recycled(TrainingContext<T> context, int epoch, int layer, int unit)
    {
        _tracker.Recycle(epoch, layer, unit);
        var dense = context.Network.Layers[layer];
        int inputs = dense.Inputs;
        Array.Copy(dense.Weights.Value, unit * inputs, _weightsBefore[layer], unit * inputs, inputs); // column-major: column u
        _biasBefore[layer][unit] = dense.Bias.Value[unit];
        _wasDead[layer][unit] = false;
        _deadSinceStart[layer][unit] = false;
    }

    private bool UnchangedSinceMeasured()
    {
        for (int i = 0; i < _hiddenParameters.Length; i++)
            if (!_hiddenParameters[i].Value.AsSpan().SequenceEqual(_measuredValues[i])) return false;
        return true;
    }

    private IReadOnlyList<LayerDeadStats> Measure(TrainingContext<T> context, int epoch)
    {
        var activity = _meter!.Measure(context.Train.Features);
        for (int i = 0; i < _hiddenParameters.Length; i++) _hiddenParameters[i].Value.CopyTo(_measuredValues[i], 0);
        _tracker.Record(epoch, activity);
        Latest = (epoch, activity);
        FindCauses(context, epoch, activity);
        return Summarize(context, activity);
    }

    private void FindCauses(TrainingContext<T> context, int epoch, IReadOnlyList<LayerActivity> activity)
    {
        var hidden = context.Network.Layers;
        for (int l = 0; l < activity.Count; l++)
        {
            var layer = hidden[l];
            int inputs = layer.Inputs;
            T[] w = layer.Weights.Value, b = layer.Bias.Value;
            for (int u = 0; u < layer.Units; u++)
            {
                bool dead = activity[l].IsDead(u);
                if (epoch == 0) _deadSinceStart[l][u] = dead;
                else if (!dead) _deadSinceStart[l][u] = false;
                if (dead && !_wasDead[l][u])
                {
                    double change = 0, norm = 0;
                    for (int i = u * inputs, end = i + inputs; i < end; i++)
                    {
                        double before = double.CreateChecked(_weightsBefore[l][i]), d = double.CreateChecked(w[i]) - before;
                        change += d * d;
                        norm += before * before;
                    }
                    double biasChange = double.CreateChecked(b[u]) - double.CreateChecked(_biasBefore[l][u]);
                    (change, norm) = (Math.Sqrt(change), Math.Sqrt(norm));
                    bool born = _deadSinceStart[l][u];
                    int? lastEpoch = _lastEpoch[l][u] >= 0 ? _lastEpoch[l][u] : null;
                    _causes.Add(new DeathCause(l, u, epoch, lastEpoch, lastEpoch is null ? null : _lastBatch[l][u],
                        biasChange, change, norm, activity[l].InputRms, context.Optimizer.LearningRate,
                        DeathCause.Classify(born, biasChange, change, norm, activity[l].InputRms)));
                }
                _wasDead[l][u] = dead;
            }
            w.CopyTo(_weightsBefore[l], 0);
            b.CopyTo(_biasBefore[l], 0);
        }
    }

    private static IReadOnlyList<LayerDeadStats> Summarize(TrainingContext<T> context, IReadOnlyList<LayerActivity> activity)
    {
        var o = context.Options.DeadNeurons;
        return activity.Select(a => LayerDeadStats.From(a, o.NearDeadShare, o.DormantTau)).ToList();
    }
}
