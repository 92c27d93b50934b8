using System.Collections.Concurrent;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// Runs a grid of independent training runs on the same data, in parallel, each assembled by
/// <see cref="ExperimentData.Prepare"/> (the pipeline <c>train</c> uses). Each run draws only from its own seed, so
/// results do not depend on run order or thread count; they are returned in grid order.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs every setting in <paramref name="runs"/>.</summary>
    /// <param name="runs">The grid.</param>
    /// <param name="data">The data every run trains on.</param>
    /// <param name="threads">Runs at once (≥ 1).</param>
    /// <param name="onRunCompleted">Called after each run (from worker threads), for progress.</param>
    /// <param name="cancellation">Stops starting new runs, and stops running ones after their current batch.</param>
    /// <param name="only">Grid indexes to run (a shard, or the runs a resumed grid still misses); null for all.</param>
    public static IReadOnlyList<RunOutcome> Run(IReadOnlyList<RunSettings> runs, ExperimentData data,
        int threads, Action<RunOutcome>? onRunCompleted = null, CancellationToken cancellation = default, IReadOnlyList<int>? only = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var indexes = only ?? Enumerable.Range(0, runs.Count).ToList();
        var outcomes = new RunOutcome?[indexes.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        // Runs side by side share the cores: a run's products stay on its own thread, so no kernel worker spins
        // waiting for one run while another run needs that core. Every route gives the same bits.
        int kernelThreads = Math.Max(1, Environment.ProcessorCount / threads);
        try
        {
            // One run at a time to each worker: Parallel.For hands out growing chunks of a range, and a worker that took
            // several runs near the end of the grid would finish them alone while the other core idles.
            var order = Partitioner.Create(Enumerable.Range(0, indexes.Count), EnumerablePartitionerOptions.NoBuffering);
            Parallel.ForEach(order, options, k =>
            {
                int i = indexes[k];
                using var limit = KernelThreadLimit.ForThisThread(kernelThreads);
                outcomes[k] = RunOne(i, runs[i], data, cancellation);
                onRunCompleted?.Invoke(outcomes[k]!);
            });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Return the runs that finished.
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A data or spec problem of a run is the run's own error, not a wrapper's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        // A run cut short by the cancellation has fewer epochs than the others and would skew any mean ± std: only finished runs count.
        return outcomes.Where(o => o is not null && o.Result.StopReason != StopReason.Cancelled).Select(o => o!).ToList();
    }

    /// <summary>One run: assemble, train, summarize.</summary>
    public static RunOutcome RunOne(int index, RunSettings settings, ExperimentData data, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        var run = data.Prepare(settings);
        var result = run.Train(cancellation: cancellation);
        var (encoded, network) = (run.Data, run.Network);
        var scored = encoded.Validation is { Rows: > 0 } v ? v : encoded.Train;
        double metric = network.Evaluate(scored.Features, scored.Targets!, encoded.Target.Loss).Metric;
        var final = result.FinalDeadNeurons ?? [];
        var initial = result.History[0].DeadNeurons ?? [];
        return new RunOutcome(index, settings, result, metric, encoded.Target.IsClassification ? "accuracy" : "r2",
            Dead: final.Sum(l => l.Dead), Inactive: final.Sum(l => l.Inactive), Units: network.Spec.Hidden.Sum(),
            BornDead: result.Timeline.Sum(t => t.BornDead), BornDeadLayer: initial.Any(l => l.WholeLayerDead),
            DeadLayerAtEnd: final.Any(l => l.WholeLayerDead));
    }
}
