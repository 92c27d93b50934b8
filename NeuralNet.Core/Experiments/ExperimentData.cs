using System.Collections.Concurrent;
using NeuralNet.Core.Data;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// The data of an experiment and the one way its runs are assembled: <see cref="TrainingPipeline"/>, as for
/// <c>neuralnet train</c>. Runs whose rows come from a <see cref="DataSample"/> share its encoding (fitted on that
/// sample's training rows), which is computed once and then read by every run at the same time. A run's generator
/// starts where <c>train --seed</c> with the run's seed has it after drawing its own split, so a run's initial weights
/// and batch order are those of <c>train</c> with that seed, and the run of seed S on the split of seed S is exactly
/// what <c>train --seed S</c> trains.
/// </summary>
public sealed class ExperimentData
{
    private readonly DataTable _table;
    private readonly DataTable? _validation;
    private readonly ConcurrentDictionary<DataSample, Lazy<TrainingData>> _encoded = new();
    private readonly ConcurrentDictionary<long, Lazy<ulong[]>> _afterSplit = new();

    /// <summary>
    /// Wraps the table every run of the grid trains on (the grid's data options are the same for all its runs) and,
    /// optionally, a separate validation table every run is validated on (as <c>train --validation-file</c>).
    /// </summary>
    public ExperimentData(DataTable table, DataTable? validation = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _validation = validation;
    }

    /// <summary>The encoded data of <paramref name="spec"/>'s sample (encoded on first use).</summary>
    /// <exception cref="DataException">On a data problem.</exception>
    public TrainingData Encoded(TrainingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Sample is not { } sample) return TrainingPipeline.Encode(_table, _validation, spec, new Rng(spec.Seed));
        return _encoded.GetOrAdd(sample, s => new Lazy<TrainingData>(() => TrainingPipeline.Encode(_table, _validation, spec, new Rng(spec.Seed)))).Value;
    }

    /// <summary>Assembles one run: its sample's encoded data, and a network initialized from its seed.</summary>
    /// <exception cref="DataException">On a data problem.</exception>
    /// <exception cref="SpecException">If a setting does not fit the data.</exception>
    public TrainingRun Prepare(RunSettings run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var spec = run.Spec;
        if (spec.Sample is null) return TrainingPipeline.Prepare(_table, _validation, spec);
        var rng = new Rng(spec.Seed);
        // train draws its split first and then the weights from the same generator; the state after the split
        // depends only on the seed (and the data), so it is found once per seed.
        rng.SetState(_afterSplit.GetOrAdd(spec.Seed, seed => new Lazy<ulong[]>(() =>
        {
            var own = new Rng(seed);
            TrainingPipeline.Encode(_table, _validation, spec with { Sample = null }, own);
            return own.GetState();
        })).Value);
        return TrainingPipeline.Prepare(Encoded(spec), spec, rng);
    }
}
