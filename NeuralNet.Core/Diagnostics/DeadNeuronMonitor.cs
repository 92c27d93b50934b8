using System.Numerics;
using System.Runtime.CompilerServices;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Callbacks;
using NeuralNet.Core.Training.Losses;

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
/// and records a <see cref="DeathCause"/>. A resumed run replays the measurements, recycled units and causes of its
/// history, and takes the rest from the state it resumes (<see cref="DeadNeuronMonitorState"/>), so it reports what an
/// uninterrupted run would.
/// </remarks>
public sealed class DeadNeuronMonitor<T> : ITrainingCallback<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly DeadNeuronTracker _tracker = new();
    private readonly List<DeathCause> _causes = new();
    private ActivityMeter<T>? _meter;
    private int[][] _counts = [], _lastEpoch = [], _lastBatch = [];
    private int[][] _boundaryLastEpoch = [], _boundaryLastBatch = []; // as of the last finished epoch, for State
    private T[][] _weightsBefore = [], _biasBefore = [];
    private bool[][] _wasDead = [];
    private bool[][] _deadSinceStart = [];
    private Parameter<T>[] _hiddenParameters = [], _outputParameters = [];
    private T[][] _measuredValues = [], _measuredOutput = []; // the hidden and the output layers' parameters at the latest measurement
    private readonly PassScore<T>? _score;
    private (double Loss, double Metric)? _latestScore;

    /// <summary>Creates a monitor.</summary>
    /// <param name="loss">When given, every measurement also scores the training rows with it, in the same pass, and
    /// <see cref="FinalScore"/> holds the score of the weights kept at the end (no second pass for the final metrics).</param>
    public DeadNeuronMonitor(ILoss<T>? loss = null) => _score = loss is null ? null : new PassScore<T>(loss);

    /// <summary>The activity of the latest measurement and the epoch it was taken after (-1: none yet).</summary>
    public (int Epoch, IReadOnlyList<LayerActivity>? Activity) Latest { get; private set; } = (-1, null);

    /// <summary>Per hidden layer: born dead, revived, recycled, death epochs (empty before the first measurement).</summary>
    public IReadOnlyList<LayerTimeline> Timeline => _tracker.Summarize();

    /// <summary>Every death seen, in the order found: what moved the unit and the verdict.</summary>
    public IReadOnlyList<DeathCause> Causes => _causes;

    /// <summary>The statistics of the weights the network holds at the end; null before <see cref="OnTrainEnd"/>.</summary>
    public IReadOnlyList<LayerDeadStats>? Final { get; private set; }

    /// <summary>
    /// The mean loss and metric on the training rows of the weights the network holds at the end, from the pass that
    /// measured them; null before <see cref="OnTrainEnd"/> or when the monitor was created without a loss.
    /// </summary>
    public (double Loss, double Metric)? FinalScore { get; private set; }

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
        _outputParameters = context.Network.Layers[^1].Parameters.ToArray();
        _measuredOutput = _outputParameters.Select(p => new T[p.Length]).ToArray();
        _latestScore = null;
        if (context.Resume is { } resume) Restore(resume, hidden);
        _boundaryLastEpoch = _lastEpoch.Select(a => (int[])a.Clone()).ToArray();
        _boundaryLastBatch = _lastBatch.Select(a => (int[])a.Clone()).ToArray();
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
        if (epoch.Epoch % every != 0 && epoch.Epoch != context.Options.Epochs) return;
        int found = _causes.Count;
        epoch.DeadNeurons = Measure(context, epoch.Epoch);
        epoch.Causes = _causes.Count > found ? _causes.GetRange(found, _causes.Count - found) : [];
    }

    /// <inheritdoc />
    public void OnEpochCompleted(TrainingContext<T> context, EpochMetrics metrics)
    {
        for (int l = 0; l < _lastEpoch.Length; l++)
        {
            _lastEpoch[l].CopyTo(_boundaryLastEpoch[l], 0);
            _lastBatch[l].CopyTo(_boundaryLastBatch[l], 0);
        }
    }

    /// <summary>
    /// The monitor's state at the last finished epoch, to store beside <paramref name="parameters"/> (the weights of
    /// that epoch, in <see cref="Layers.Mlp{T}.Parameters"/> order): a run cancelled mid-epoch resumes from its start.
    /// </summary>
    internal DeadNeuronMonitorState State(Layers.Mlp<T> network, IReadOnlyList<T[]> parameters)
    {
        var hidden = network.HiddenLayers.ToArray();
        bool measuredAreParameters = true;
        for (int l = 0; l < hidden.Length && measuredAreParameters; l++)
            measuredAreParameters = _weightsBefore[l].AsSpan().SequenceEqual(parameters[IndexOf(network, hidden[l].Weights)])
                                    && _biasBefore[l].AsSpan().SequenceEqual(parameters[IndexOf(network, hidden[l].Bias)]);
        return new DeadNeuronMonitorState(
            _boundaryLastEpoch.Select(a => (int[])a.Clone()).ToArray(), _boundaryLastBatch.Select(a => (int[])a.Clone()).ToArray(),
            measuredAreParameters ? null : _weightsBefore.Select(ToDoubles).ToArray(),
            measuredAreParameters ? null : _biasBefore.Select(ToDoubles).ToArray());
    }

    /// <summary>
    /// A resumed run: replays the history's measurements, recycled units and causes (a history that kept counts but
    /// not unit lists, from a version-1 checkpoint, adds nothing), then takes the last activity and the weights
    /// measured last from the state when it has them.
    /// </summary>
    private void Restore(TrainerState resume, IReadOnlyList<Layers.DenseLayer<T>> hidden)
    {
        foreach (var m in resume.History)
        {
            if (m.DeadNeurons is { } measured && measured.Count == hidden.Count && measured.All(s => s.DeadUnits.Count == s.Dead))
            {
                _tracker.Record(m.Epoch, measured);
                for (int l = 0; l < measured.Count; l++)
                {
                    var dead = measured[l].DeadUnits.ToHashSet();
                    for (int u = 0; u < hidden[l].Units; u++) Observe(l, u, m.Epoch, dead.Contains(u));
                }
            }
            foreach (var r in m.Recycled) Revive(r.Epoch, r.Layer, r.Unit);
            _causes.AddRange(m.Causes);
        }
        if (resume.DeadNeuronMonitor is not { } state) return;
        if (!Fits(state, hidden)) throw new ArgumentException("The dead-neuron monitor's state to resume from does not fit the network's hidden layers.", nameof(resume));
        for (int l = 0; l < hidden.Count; l++)
        {
            state.LastActiveEpoch[l].CopyTo(_lastEpoch[l], 0);
            state.LastActiveBatch[l].CopyTo(_lastBatch[l], 0);
            if (state.MeasuredWeights is null || state.MeasuredBias is null) continue;
            for (int i = 0; i < _weightsBefore[l].Length; i++) _weightsBefore[l][i] = T.CreateChecked(state.MeasuredWeights[l][i]);
            for (int u = 0; u < _biasBefore[l].Length; u++) _biasBefore[l][u] = T.CreateChecked(state.MeasuredBias[l][u]);
        }
    }

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext<T> context)
    {
        context.BatchPositiveCounts = null;
        // The usual end: the weights kept are those the last epoch was measured with (no step, restore or recycling
        // since), and the activity depends on nothing else; a second pass over the training rows would give the same.
        // The score depends on the output layer too.
        bool hiddenUnchanged = Latest.Activity is not null && Unchanged(_hiddenParameters, _measuredValues);
        IReadOnlyList<LayerActivity> activity;
        if (hiddenUnchanged && (_score is null || (_latestScore is not null && Unchanged(_outputParameters, _measuredOutput))))
            (activity, FinalScore) = (Latest.Activity!, _latestScore);
        else if (_score is not null) (activity, FinalScore) = _meter!.MeasureAndScore(context.Train, _score);
        else activity = _meter!.Measure(context.Train.Features);
        Final = Summarize(context, activity);
    }

    /// <summary>
    /// Tells the monitor that a unit's incoming weights and bias were drawn again after <paramref name="epoch"/>: it is a
    /// live unit again, and its next death is compared with the new values.
    /// </summary>
    internal void Recycled(TrainingContext<T> context, int epoch, int layer, int unit)
    {
        Revive(epoch, layer, unit);
        var dense = context.Network.Layers[layer];
        int inputs = dense.Inputs;
        Array.Copy(dense.Weights.Value, unit * inputs, _weightsBefore[layer], unit * inputs, inputs); // column-major: column u
        _biasBefore[layer][unit] = dense.Bias.Value[unit];
    }

    /// <summary>A recycled unit is live again: its next death is a new one, not a revival's end.</summary>
    private void Revive(int epoch, int layer, int unit)
    {
        _tracker.Recycle(epoch, layer, unit);
        _wasDead[layer][unit] = false;
        _deadSinceStart[layer][unit] = false;
    }

    private static bool Unchanged(Parameter<T>[] parameters, T[][] measured)
    {
        for (int i = 0; i < parameters.Length; i++)
            if (!parameters[i].Value.AsSpan().SequenceEqual(measured[i])) return false;
        return true;
    }

    private IReadOnlyList<LayerDeadStats> Measure(TrainingContext<T> context, int epoch)
    {
        IReadOnlyList<LayerActivity> activity;
        if (_score is null) activity = _meter!.Measure(context.Train.Features);
        else
        {
            (activity, var score) = _meter!.MeasureAndScore(context.Train, _score);
            _latestScore = score;
            for (int i = 0; i < _outputParameters.Length; i++) _outputParameters[i].Value.CopyTo(_measuredOutput[i], 0);
        }
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
                if (Observe(l, u, epoch, dead))
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
            }
            w.CopyTo(_weightsBefore[l], 0);
            b.CopyTo(_biasBefore[l], 0);
        }
    }

    /// <summary>Updates unit u's dead flags with a measurement; true if it died since the measurement before.</summary>
    private bool Observe(int l, int u, int epoch, bool dead)
    {
        if (epoch == 0) _deadSinceStart[l][u] = dead;
        else if (!dead) _deadSinceStart[l][u] = false;
        bool died = dead && !_wasDead[l][u];
        _wasDead[l][u] = dead;
        return died;
    }

    /// <summary>Whether <paramref name="state"/> has an entry of the right length for every hidden unit and weight.</summary>
    private static bool Fits(DeadNeuronMonitorState state, IReadOnlyList<Layers.DenseLayer<T>> hidden)
    {
        if (state.LastActiveEpoch.Count != hidden.Count || state.LastActiveBatch.Count != hidden.Count) return false;
        if ((state.MeasuredWeights is null) != (state.MeasuredBias is null)) return false;
        for (int l = 0; l < hidden.Count; l++)
        {
            if (state.LastActiveEpoch[l].Length != hidden[l].Units || state.LastActiveBatch[l].Length != hidden[l].Units) return false;
            if (state.MeasuredWeights is { } w && (w.Count != hidden.Count || w[l].Length != hidden[l].Weights.Length)) return false;
            if (state.MeasuredBias is { } b && (b.Count != hidden.Count || b[l].Length != hidden[l].Units)) return false;
        }
        return true;
    }

    private static int IndexOf(Layers.Mlp<T> network, Parameter<T> parameter)
    {
        for (int i = 0; i < network.Parameters.Count; i++)
            if (ReferenceEquals(network.Parameters[i], parameter)) return i;
        throw new ArgumentException($"'{parameter.Name}' is not a parameter of the network.", nameof(parameter));
    }

    private static double[] ToDoubles(T[] values) => values.Select(v => double.CreateChecked(v)).ToArray();

    private static IReadOnlyList<LayerDeadStats> Summarize(TrainingContext<T> context, IReadOnlyList<LayerActivity> activity)
    {
        var o = context.Options.DeadNeurons;
        return activity.Select(a => LayerDeadStats.From(a, o.NearDeadShare, o.DormantTau)).ToList();
    }
}
