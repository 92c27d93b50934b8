using System.Numerics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// Runs a grid of independent training runs on the same data, in parallel. Each run draws only from its own
/// seed, so results do not depend on run order or thread count; they are returned in grid order.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs every setting in <paramref name="runs"/>.</summary>
    /// <param name="runs">The grid.</param>
    /// <param name="train">Training data (shared read-only by all runs).</param>
    /// <param name="validation">Validation data, or null.</param>
    /// <param name="threads">Runs at once (≥ 1).</param>
    /// <param name="onRunCompleted">Called after each run (from worker threads), for progress.</param>
    /// <param name="cancellation">Stops starting new runs, and stops running ones after their current batch.</param>
    /// <param name="only">Grid indexes to run (a shard, or the runs a resumed grid still misses); null for all.</param>
    public static IReadOnlyList<RunOutcome> Run<T>(IReadOnlyList<RunSettings> runs, Dataset<T> train, Dataset<T>? validation,
        int threads, Action<RunOutcome>? onRunCompleted = null, CancellationToken cancellation = default, IReadOnlyList<int>? only = null)
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var indexes = only ?? Enumerable.Range(0, runs.Count).ToList();
        var outcomes = new RunOutcome?[indexes.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        try
        {
            Parallel.For(0, indexes.Count, options, k =>
            {
                int i = indexes[k];
                outcomes[k] = RunOne(i, runs[i], train, validation, cancellation);
                onRunCompleted?.Invoke(outcomes[k]!);
            });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Return the runs that finished.
        }
        // A run cut short by the cancellation has fewer epochs than the others and would skew any mean ± std: only finished runs count.
        return outcomes.Where(o => o is not null && o.Result.StopReason != StopReason.Cancelled).Select(o => o!).ToList();
    }

    /// <summary>One run: build, train, summarize.</summary>
    public static RunOutcome RunOne<T>(int index, RunSettings settings, Dataset<T> train, Dataset<T>? validation, CancellationToken cancellation = default)
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rng = new Rng(settings.Seed);
        var network = Mlp<T>.Create(settings.Network, rng);
        var loss = LossRegistry.Create<T>(settings.Loss);
        var optimizer = OptimizerRegistry.Create(settings.Optimizer, network.Parameters, settings.LearningRate, settings.WeightDecay);
        var result = new Trainer<T>(network, loss, optimizer, rng, settings.Training).Fit(train, validation, cancellation);

        double metric = validation is not null
            ? new Evaluator<T>(network, loss, settings.Training.BatchSize).Evaluate(validation).Metric
            : new Evaluator<T>(network, loss, settings.Training.BatchSize).Evaluate(train).Metric;
        var final = result.FinalDeadNeurons ?? [];
        var initial = result.History[0].DeadNeurons ?? [];
        return new RunOutcome(index, settings, result, metric, loss.IsClassification ? "accuracy" : "r2",
            Dead: final.Sum(l => l.Dead), Inactive: final.Sum(l => l.Inactive), Units: network.HiddenLayers.Sum(l => l.Units),
            BornDead: result.Timeline.Sum(t => t.BornDead), BornDeadLayer: initial.Any(l => l.WholeLayerDead),
            DeadLayerAtEnd: final.Any(l => l.WholeLayerDead));
    }
}
