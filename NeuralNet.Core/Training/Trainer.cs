using System.Diagnostics;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Training;

/// <summary>
/// Mini-batch training with per-epoch metrics, early stopping, divergence detection and dead-neuron statistics.
/// Every random draw (shuffling) comes from the <see cref="Rng"/> it is given, so a seed reproduces a run bit for bit.
/// </summary>
/// <remarks>
/// Dead neurons are measured at initialization and after every <see cref="DeadNeuronOptions.Every"/>-th epoch with
/// the end-of-epoch weights on the full training set (one extra forward pass, never on the last mini-batch).
/// The library writes nothing to the console: subscribe to <see cref="EpochCompleted"/> to report progress.
/// </remarks>
public sealed class Trainer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Mlp<T> _network;
    private readonly ILoss<T> _loss;
    private readonly Optimizer<T> _optimizer;
    private readonly Rng _rng;
    private readonly TrainerOptions _options;

    /// <summary>Creates a trainer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If an option is out of range.</exception>
    public Trainer(Mlp<T> network, ILoss<T> loss, Optimizer<T> optimizer, Rng rng, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (_network, _loss, _optimizer, _rng, _options) = (network, loss, optimizer, rng, options);
    }

    /// <summary>Raised after the initial measurement (epoch 0) and after every epoch.</summary>
    public event Action<EpochMetrics>? EpochCompleted;

    /// <summary>Raised after every <see cref="TrainerOptions.CheckpointEvery"/>-th epoch with the state to resume from.</summary>
    public event Action<TrainerState>? CheckpointReady;

    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> when given.</summary>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows, or null (then early stopping monitors the training loss).</param>
    /// <param name="cancellation">Stops training after the current batch (the weights of the last finished epoch are kept).</param>
    /// <param name="resume">A state from <see cref="TrainingResult.State"/> or <see cref="CheckpointReady"/> to continue from
    /// (same data, seed and options give bit-identical weights), or null to start at epoch 1.</param>
    /// <exception cref="ArgumentException">If the data's shape does not fit the network, or <paramref name="resume"/> does not fit the network, optimizer or data.</exception>
    public TrainingResult Fit(Dataset<T> train, Dataset<T>? validation = null, CancellationToken cancellation = default, TrainerState? resume = null)
    {
        CheckShape(train, nameof(train));
        if (validation is not null) CheckShape(validation, nameof(validation));
        if (resume is not null && (resume.Order.Count != train.Rows || resume.History.Count == 0))
            throw new ArgumentException($"The state to resume from has {resume.Order.Count} rows in its order; the training data has {train.Rows}.", nameof(resume));

        var batches = new BatchSource<T>(_options.BatchSize);
        T[] rowMajor = BatchSource<T>.ToRowMajor(train.Features); // random rows gather from this several times faster
        var meter = _options.DeadNeurons.Enabled ? new ActivityMeter<T>(_network, Evaluator<T>.PassChunk(_options.BatchSize)) : null;
        var evaluator = new Evaluator<T>(_network, _loss, Evaluator<T>.PassChunk(_options.BatchSize));
        var tracker = new DeadNeuronTracker();
        var trainMetric = new MetricAccumulator<T>(_loss.IsClassification);
        var history = new List<EpochMetrics>();
        var order = Enumerable.Range(0, train.Rows).ToArray();
        double bestMonitored = double.PositiveInfinity;
        int bestEpoch = 0, sinceImprovement = 0, firstEpoch = 1;
        T[][] best;
        if (resume is not null)
        {
            _network.SetValues(ToT(resume.Parameters));
            _optimizer.RestoreState(resume.OptimizerSteps, resume.OptimizerState.ToDictionary(e => e.Key, e => e.Value.Select(T.CreateChecked).ToArray()));
            _rng.SetState(resume.RngState);
            resume.Order.ToArray().CopyTo(order, 0);
            best = ToT(resume.BestParameters);
            (bestMonitored, bestEpoch, sinceImprovement, firstEpoch) = (resume.BestMonitored, resume.BestEpoch, resume.SinceImprovement, resume.Epoch + 1);
            history.AddRange(resume.History);
        }
        else best = _network.CopyValues();
        var lastGood = _network.CopyValues();
        var stop = StopReason.Completed;
        DivergenceInfo? divergence = null;
        // The state at the start of the running epoch (optimizer, generator, order): what a cancelled run resumes from.
        // Buffers allocated once and overwritten at every epoch start; converted to doubles only when a state is taken.
        var startOptimizer = _optimizer.State.ToDictionary(e => e.Key, e => (T[])e.Value.Clone());
        var startOrder = (int[])order.Clone();
        long startSteps = _optimizer.StepCount;
        var startRng = _rng.GetState();

        if (resume is null) Report(new EpochMetrics(0, double.NaN, double.NaN, null, null, Measure(0), TimeSpan.Zero));

        for (int epoch = firstEpoch; epoch <= _options.Epochs && stop == StopReason.Completed; epoch++)
        {
            var clock = Stopwatch.StartNew();
            SnapshotEpochStart();
            if (_options.Shuffle) _rng.Shuffle(order.AsSpan());
            trainMetric.Reset();
            double lossSum = 0;
            int rowsSeen = 0, batch = 0;
            foreach (var (x, y) in batches.Ordered(train.Features, rowMajor, train.Targets, order))
            {
                if (cancellation.IsCancellationRequested) { stop = StopReason.Cancelled; break; }
                batch++;
                var output = _network.Forward(x);
                var grad = GradientBuffer(output);
                double loss = _loss.Compute(output, y, grad);
                if (!double.IsFinite(loss))
                {
                    divergence = new DivergenceInfo(epoch, batch, loss, FirstNonFiniteLayer(), _optimizer.LearningRate);
                    stop = StopReason.Diverged;
                    break;
                }
                lossSum += loss * x.RowCount;
                rowsSeen += x.RowCount;
                trainMetric.Add(output, y);
                _optimizer.ZeroGrad();
                _network.Backward(grad);
                if (_options.ClipNorm is { } clip) GradientClipping.ClipByGlobalNorm(_network.Parameters, clip);
                _optimizer.Step();
            }
            if (stop == StopReason.Completed && FirstNonFiniteLayer() is { } overflowed)
            {
                // The epoch's last step overflowed the weights although its loss was still finite (float32).
                divergence = new DivergenceInfo(epoch, batch, double.NaN, overflowed, _optimizer.LearningRate);
                stop = StopReason.Diverged;
            }
            if (stop != StopReason.Completed)
            {
                _network.SetValues(lastGood); // the weights of the last finished epoch
                break;
            }

            (double? valLoss, double? valMetric) = (null, null);
            if (validation is not null) (valLoss, valMetric) = evaluator.Evaluate(validation);
            bool lastEpoch = epoch == _options.Epochs;
            var dead = epoch % Math.Max(1, _options.DeadNeurons.Every) == 0 || lastEpoch ? Measure(epoch) : null;
            Report(new EpochMetrics(epoch, lossSum / rowsSeen, trainMetric.Value, valLoss, valMetric, dead, clock.Elapsed));
            _network.CopyValuesTo(lastGood);

            double monitored = valLoss ?? lossSum / rowsSeen;
            if (monitored < bestMonitored - _options.MinDelta)
            {
                bestMonitored = monitored;
                bestEpoch = epoch;
                sinceImprovement = 0;
                _network.CopyValuesTo(best);
            }
            else if (_options.Patience is { } patience && ++sinceImprovement > patience)
            {
                stop = StopReason.EarlyStopped;
            }
            if (_options.CheckpointEvery > 0 && epoch % _options.CheckpointEvery == 0 && CheckpointReady is { } checkpoint)
            {
                SnapshotEpochStart();
                checkpoint(State());
            }
        }

        // After a cancellation the live optimizer, generator and order are mid-epoch: resume from the epoch's start.
        // Otherwise they are at the boundary after the last epoch, which is the same thing.
        if (stop != StopReason.Cancelled) SnapshotEpochStart();
        var resumeState = stop == StopReason.Diverged ? null : State();

        bool restore = _options.Patience is not null && bestEpoch > 0 && stop != StopReason.Diverged;
        if (restore) _network.SetValues(best);
        int heldEpoch = restore ? bestEpoch : history[^1].Epoch;
        var final = meter is null ? null : Summarize(meter.Measure(train.Features));
        return new TrainingResult(history, stop, heldEpoch, restore, divergence, tracker.Summarize(), final) { State = resumeState };

        void SnapshotEpochStart()
        {
            startSteps = _optimizer.StepCount;
            foreach (var (key, buffer) in _optimizer.State) buffer.CopyTo(startOptimizer[key], 0);
            startRng = _rng.GetState();
            order.CopyTo(startOrder, 0);
        }

        TrainerState State() => new(
            history[^1].Epoch, ToDouble(lastGood), startSteps,
            startOptimizer.ToDictionary(e => e.Key, e => e.Value.Select(v => double.CreateChecked(v)).ToArray()), startRng, (int[])startOrder.Clone(),
            ToDouble(best), bestMonitored, bestEpoch, sinceImprovement, history.ToList());

        IReadOnlyList<LayerDeadStats>? Measure(int epoch)
        {
            if (meter is null) return null;
            var activity = meter.Measure(train.Features);
            tracker.Record(epoch, activity);
            return Summarize(activity);
        }

        void Report(EpochMetrics metrics)
        {
            history.Add(metrics);
            EpochCompleted?.Invoke(metrics);
        }
    }

    private static double[][] ToDouble(T[][] values) => values.Select(v => v.Select(x => double.CreateChecked(x)).ToArray()).ToArray();

    private static T[][] ToT(IReadOnlyList<double[]> values) => values.Select(v => v.Select(T.CreateChecked).ToArray()).ToArray();

    private IReadOnlyList<LayerDeadStats> Summarize(IReadOnlyList<LayerActivity> activity)
        => activity.Select(a => LayerDeadStats.From(a, _options.DeadNeurons.NearDeadShare, _options.DeadNeurons.DormantTau)).ToList();

    private readonly Dictionary<int, Matrix<T>> _gradients = new();

    private Matrix<T> GradientBuffer(Matrix<T> output)
    {
        if (!_gradients.TryGetValue(output.RowCount, out var g))
        {
            g = Matrix<T>.Build.Dense(output.RowCount, output.ColumnCount);
            _gradients[output.RowCount] = g;
        }
        return g;
    }

    private int? FirstNonFiniteLayer()
    {
        for (int l = 0; l < _network.Layers.Count; l++)
            foreach (var p in _network.Layers[l].Parameters)
                foreach (T v in p.Value)
                    if (!T.IsFinite(v)) return l;
        return null;
    }

    private void CheckShape(Dataset<T> data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.Features.ColumnCount != _network.Inputs)
            throw new ArgumentException($"Expected {_network.Inputs} feature columns, received {data.Features.ColumnCount}.", name);
        if (data.Targets.ColumnCount != _network.Outputs)
            throw new ArgumentException($"Expected {_network.Outputs} target columns, received {data.Targets.ColumnCount}.", name);
    }
}
