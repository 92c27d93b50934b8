using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Callbacks;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Training;

/// <summary>
/// Mini-batch training: an epoch/batch loop plus callbacks (<see cref="ITrainingCallback{T}"/>) for everything else —
/// the <see cref="DivergenceGuard{T}"/>, <see cref="EarlyStopping{T}"/>, the <see cref="DeadNeuronMonitor{T}"/>,
/// the <see cref="UnitRecycler{T}"/> and the <see cref="Checkpointer{T}"/>, in that order, then any added with
/// <see cref="Add"/>. Every random draw (shuffling, recycling) comes from the <see cref="Rng"/> it is given, so a seed
/// reproduces a run bit for bit.
/// </summary>
/// <remarks>
/// Dead neurons are measured at initialization and after every <see cref="DeadNeuronOptions.Every"/>-th epoch with
/// the end-of-epoch weights on the full training set (one extra forward pass, never on the last mini-batch).
/// The library writes nothing to the console: subscribe to <see cref="EpochCompleted"/> to report progress.
/// A step allocates nothing.
/// </remarks>
public sealed class Trainer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Mlp<T> _network;
    private readonly ILoss<T> _loss;
    private readonly Optimizer<T> _optimizer;
    private readonly Rng _rng;
    private readonly TrainerOptions _options;
    private readonly List<ITrainingCallback<T>> _extra = new();
    private readonly Dictionary<int, Matrix<T>> _gradients = new();
    private Matrix<T>? _lastGradient;
    private Action<TrainerState>? _checkpointReady;

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
    public event Action<TrainerState>? CheckpointReady
    {
        add => _checkpointReady += value;
        remove => _checkpointReady -= value;
    }

    /// <summary>Adds a callback that runs after the built-in ones, in every later <see cref="Fit"/>.</summary>
    public void Add(ITrainingCallback<T> callback) => _extra.Add(callback ?? throw new ArgumentNullException(nameof(callback)));

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

        var history = new List<EpochMetrics>();
        var order = Enumerable.Range(0, train.Rows).ToArray();
        if (resume is not null)
        {
            _network.SetValues(resume.Parameters.Select(v => v.Select(T.CreateChecked).ToArray()).ToArray());
            _optimizer.RestoreState(resume.OptimizerSteps, resume.OptimizerState.ToDictionary(e => e.Key, e => e.Value.Select(T.CreateChecked).ToArray()));
            _rng.SetState(resume.RngState);
            resume.Order.ToArray().CopyTo(order, 0);
            history.AddRange(resume.History);
        }
        var context = new TrainingContext<T>(_network, _optimizer, _rng, _options, train, validation, resume, history);
        var start = new EpochStart<T>(_optimizer, _rng, order);
        var guard = new DivergenceGuard<T>();
        var early = new EarlyStopping<T>();
        var monitor = _options.DeadNeurons.Enabled ? new DeadNeuronMonitor<T>(_loss) : null; // its passes also score the training rows (the final metrics)
        TrainerState State() => start.ToState(history[^1].Epoch, guard.LastGood, early.Best, early.BestMonitored, early.BestEpoch, early.SinceImprovement, history)
            with { DeadNeuronMonitor = monitor?.State(_network, guard.LastGood) };
        var checkpointer = new Checkpointer<T>(() => { start.Take(); return State(); });
        if (_checkpointReady is { } ready) checkpointer.Ready += ready;
        var callbacks = new List<ITrainingCallback<T>> { guard, early };
        if (monitor is not null) callbacks.Add(monitor);
        if (_options.Recycle.Enabled) callbacks.Add(new UnitRecycler<T>(monitor));
        callbacks.Add(checkpointer);
        callbacks.AddRange(_extra);
        var all = callbacks.ToArray(); // indexed below: enumerating a list in the step loop would allocate

        foreach (var c in all) c.OnTrainBegin(context);
        if (resume is null) EndEpoch(new EpochEnd(0, double.NaN, double.NaN, null, null), null);
        RunEpochs(context, all, order, start, EndEpoch, cancellation);

        // After a cancellation the live optimizer, generator and order are mid-epoch: resume from the epoch's start.
        // Otherwise they are at the boundary after the last epoch, which is the same thing.
        if (context.StopReason != StopReason.Cancelled) start.Take();
        var resumeState = context.StopReason == StopReason.Diverged ? null : State();
        foreach (var c in all) c.OnTrainEnd(context);
        int heldEpoch = early.Restored ? early.BestEpoch : history[^1].Epoch;
        return new TrainingResult(history, context.StopReason, heldEpoch, early.Restored, context.Divergence,
            monitor?.Timeline ?? [], monitor?.Final)
        {
            State = resumeState, DeathCauses = monitor?.Causes.ToList() ?? [], FinalTrainScore = monitor?.FinalScore,
        };

        // OnEpochEnd, then publish, then OnEpochCompleted; false when a callback stopped training before publishing.
        bool EndEpoch(EpochEnd end, long? started)
        {
            foreach (var c in all)
            {
                c.OnEpochEnd(context, end);
                if (context.Stopping) return false;
            }
            var metrics = end.ToMetrics(started is { } t ? Stopwatch.GetElapsedTime(t) : TimeSpan.Zero); // training plus measurement
            history.Add(metrics);
            EpochCompleted?.Invoke(metrics);
            if (end.Epoch > 0) foreach (var c in all) c.OnEpochCompleted(context, metrics);
            return true;
        }
    }

    /// <summary>The epoch and batch loop: shuffle, then forward, loss, backward and step for every batch.</summary>
    /// <remarks>Compiled optimized at once: it runs once per fit, so tiering would run its loop as unoptimized code until an on-stack replacement.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunEpochs(TrainingContext<T> context, ITrainingCallback<T>[] callbacks, int[] order, EpochStart<T> start,
        Func<EpochEnd, long?, bool> endEpoch, CancellationToken cancellation)
    {
        var train = context.Train;
        int firstEpoch = context.Resume is { } r ? r.Epoch + 1 : 1;
        if (firstEpoch > _options.Epochs) return; // --epochs 0, or resumed at the end: no copy of the training rows to make
        var batches = new BatchSource<T>(_options.BatchSize);
        T[] rowMajor = BatchSource<T>.ToRowMajor(train.Features); // random rows gather from this several times faster
        int steps = batches.BatchCount(train.Rows);
        var evaluator = new Evaluator<T>(_network, _loss, Evaluator<T>.PassChunk(_options.BatchSize));
        var trainMetric = new MetricAccumulator<T>(_loss.IsClassification);
        for (int epoch = firstEpoch; epoch <= _options.Epochs && !context.Stopping; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            context.Epoch = epoch;
            start.Take();
            if (_options.Shuffle) _rng.Shuffle(order.AsSpan());
            foreach (var c in callbacks) c.OnEpochBegin(context);
            trainMetric.Reset();
            double lossSum = 0;
            int rowsSeen = 0;
            for (int b = 0; b < steps; b++)
            {
                if (cancellation.IsCancellationRequested) { context.Stop(StopReason.Cancelled); break; }
                var (x, y) = batches.GatherBatch(train.Features.ColumnCount, rowMajor, train.Targets, order, b);
                var output = _network.Forward(x, context.BatchPositiveCounts);
                var grad = GradientBuffer(output);
                double loss = _loss.Compute(output, y, grad);
                var info = new BatchInfo(epoch, b + 1, x.RowCount, loss);
                for (int i = 0; i < callbacks.Length; i++) callbacks[i].OnBatchLoss(context, in info);
                if (context.Stopping) break;
                lossSum += loss * x.RowCount;
                rowsSeen += x.RowCount;
                trainMetric.Add(output, y);
                _optimizer.ZeroGrad();
                _network.Backward(grad);
                if (_options.ClipNorm is { } clip) GradientClipping.ClipByGlobalNorm(_network.Parameters, clip);
                _optimizer.Step();
            }
            if (context.Stopping) break;
            (double? valLoss, double? valMetric) = (null, null);
            if (context.Validation is { } validation) (valLoss, valMetric) = evaluator.Evaluate(validation);
            if (!endEpoch(new EpochEnd(epoch, lossSum / rowsSeen, trainMetric.Value, valLoss, valMetric), started)) break;
        }
    }

    private Matrix<T> GradientBuffer(Matrix<T> output)
    {
        if (_lastGradient is { } last && last.RowCount == output.RowCount) return last; // the shape of the step before
        if (!_gradients.TryGetValue(output.RowCount, out var g))
        {
            g = Matrix<T>.Build.Dense(output.RowCount, output.ColumnCount);
            _gradients[output.RowCount] = g;
        }
        return _lastGradient = g;
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
