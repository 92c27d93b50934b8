using NeuralNet.Core.Experiments.Statistics;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// One row of an experiment table: the runs of one setting (all seeds): the mean with its 95% confidence interval and
/// sample standard deviation, and a paired comparison with the table's first setting (the baseline), by seed, with
/// Holm-adjusted p-values across the table.
/// </summary>
/// <param name="Setting">The setting's label (<see cref="RunSettings.SettingKey"/>).</param>
/// <param name="Activation">Hidden activation name.</param>
/// <param name="Runs">Number of runs (seeds).</param>
/// <param name="MetricName">"accuracy" or "r2".</param>
/// <param name="MetricMean">Mean final metric.</param>
/// <param name="MetricStd">Sample standard deviation of the final metric (0 for one run).</param>
/// <param name="DeadMean">Mean dead units at the end.</param>
/// <param name="DeadShareMean">Mean dead share of the hidden units at the end.</param>
/// <param name="InactiveMean">Mean inactive units at the end.</param>
/// <param name="BornDeadMean">Mean units silent at initialization.</param>
/// <param name="BornDeadNetworkShare">Share of runs whose network was born dead (some hidden layer entirely dead at initialization).</param>
/// <param name="BestEpochMean">Mean epoch of the best (held) weights.</param>
public sealed record ExperimentSummary(
    string Setting, string Activation, int Runs, string MetricName, double MetricMean, double MetricStd,
    double DeadMean, double DeadShareMean, double InactiveMean, double BornDeadMean, double BornDeadNetworkShare, double BestEpochMean)
{
    /// <summary>The final metric's mean, sample standard deviation and 95% interval over the seeds.</summary>
    public required SampleStatistics Metric { get; init; }

    /// <summary>This setting against the table's first setting, paired by seed; null for the baseline itself.</summary>
    public PairedComparison? VersusBaseline { get; init; }

    /// <summary>
    /// Groups runs by setting (in order of first appearance) and summarizes each group; every setting after the first is
    /// compared with the first by seed, and the p-values are Holm-adjusted together.
    /// </summary>
    public static IReadOnlyList<ExperimentSummary> From(IEnumerable<RunOutcome> outcomes)
    {
        var groups = outcomes.GroupBy(o => o.Settings.SettingKey).Select(g => g.ToList()).ToList();
        if (groups.Count == 0) return [];
        var baseline = BySeed(groups[0]);
        var comparisons = groups.Select((runs, i) => i == 0 ? null : PairedComparison.Compare(baseline, BySeed(runs))).ToList();
        double[] adjusted = HolmCorrection.Adjust(comparisons.Skip(1).Select(c => c!.P).ToList());
        return groups.Select((runs, i) =>
        {
            var metric = SampleStatistics.Of(runs.Select(r => r.Metric).ToList());
            return new ExperimentSummary(runs[0].Settings.SettingKey, runs[0].Settings.Network.HiddenActivation.Name, runs.Count, runs[0].MetricName,
                metric.Mean, runs.Count > 1 ? metric.StandardDeviation : 0,
                runs.Average(r => r.Dead), runs.Average(r => r.DeadShare), runs.Average(r => r.Inactive),
                runs.Average(r => r.BornDead), runs.Average(r => r.BornDeadLayer ? 1.0 : 0.0), runs.Average(r => r.BestEpoch))
            {
                Metric = metric,
                VersusBaseline = i == 0 ? null : comparisons[i]! with { AdjustedP = adjusted[i - 1] },
            };
        }).ToList();
    }

    private static Dictionary<long, double> BySeed(List<RunOutcome> runs)
    {
        var bySeed = new Dictionary<long, double>();
        foreach (var run in runs) bySeed.TryAdd(run.Settings.Seed, run.Metric);
        return bySeed;
    }
}
