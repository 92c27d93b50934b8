using NeuralNet.Core.Experiments.Statistics;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// One row of an experiment table: the runs of one setting (all seeds): the mean with its 95% confidence interval and
/// sample standard deviation, and a paired comparison with the baseline setting (the first unless one is named), by seed
/// and data sample, with a paired t-test and a Wilcoxon signed-rank test, each Holm-adjusted across the table.
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
    /// <summary>Mean units recycled (ReDo) per run, over all layers and epochs; 0 when the setting does not recycle.</summary>
    public double RecycledMean { get; init; }

    /// <summary>The final metric's mean, sample standard deviation and 95% interval over the seeds.</summary>
    public required SampleStatistics Metric { get; init; }

    /// <summary>This setting against the baseline, paired by seed and data sample; null for the baseline itself.</summary>
    public PairedComparison? VersusBaseline { get; init; }

    /// <summary>
    /// Groups runs by setting (in order of first appearance) and summarizes each group; every other setting is compared
    /// with the baseline by seed and data sample, and each test's p-values are Holm-adjusted together.
    /// </summary>
    /// <param name="outcomes">The finished runs.</param>
    /// <param name="baseline">The baseline's <see cref="RunSettings.SettingKey"/>, or null for the first setting.</param>
    /// <exception cref="ArgumentException">If <paramref name="baseline"/> is not one of the settings.</exception>
    public static IReadOnlyList<ExperimentSummary> From(IEnumerable<RunOutcome> outcomes, string? baseline = null)
    {
        var groups = outcomes.GroupBy(o => o.Settings.SettingKey).Select(g => g.ToList()).ToList();
        if (groups.Count == 0) return [];
        int b = baseline is null ? 0 : groups.FindIndex(g => g[0].Settings.SettingKey == baseline);
        if (b < 0) throw new ArgumentException($"The baseline '{baseline}' is none of the settings.", nameof(baseline));
        var reference = ByPair(groups[b]);
        var comparisons = groups.Select((runs, i) => i == b ? null : PairedComparison.Compare(reference, ByPair(runs))).ToList();
        var others = Enumerable.Range(0, groups.Count).Where(i => i != b).ToList();
        double[] adjustedT = HolmCorrection.Adjust(others.Select(i => comparisons[i]!.P).ToList());
        double[] adjustedW = HolmCorrection.Adjust(others.Select(i => comparisons[i]!.Wilcoxon.P).ToList());
        return groups.Select((runs, i) =>
        {
            var metric = SampleStatistics.Of(runs.Select(r => r.Metric).ToList());
            int k = others.IndexOf(i);
            return new ExperimentSummary(runs[0].Settings.SettingKey, runs[0].Settings.Spec.Activation, runs.Count, runs[0].MetricName,
                metric.Mean, runs.Count > 1 ? metric.StandardDeviation : 0,
                runs.Average(r => r.Dead), runs.Average(r => r.DeadShare), runs.Average(r => r.Inactive),
                runs.Average(r => r.BornDead), runs.Average(r => r.BornDeadLayer ? 1.0 : 0.0), runs.Average(r => r.BestEpoch))
            {
                Metric = metric,
                RecycledMean = runs.Average(r => r.Recycled),
                VersusBaseline = i == b ? null : comparisons[i]! with { AdjustedP = adjustedT[k], WilcoxonAdjustedP = adjustedW[k] },
            };
        }).ToList();
    }

    private static Dictionary<(long Seed, int Sample), double> ByPair(List<RunOutcome> runs)
    {
        var byPair = new Dictionary<(long Seed, int Sample), double>();
        foreach (var run in runs) byPair.TryAdd(run.Settings.PairKey, run.Metric);
        return byPair;
    }
}
