namespace NeuralNet.Core.Experiments;

/// <summary>
/// One row of an experiment table: the runs of one setting (all seeds), as mean ± standard deviation.
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
    /// <summary>Groups runs by setting (in order of first appearance) and summarizes each group.</summary>
    public static IReadOnlyList<ExperimentSummary> From(IEnumerable<RunOutcome> outcomes)
        => outcomes.GroupBy(o => o.Settings.SettingKey).Select(g =>
        {
            var runs = g.ToList();
            double mean = runs.Average(r => r.Metric);
            double std = runs.Count > 1 ? Math.Sqrt(runs.Sum(r => (r.Metric - mean) * (r.Metric - mean)) / (runs.Count - 1)) : 0;
            return new ExperimentSummary(g.Key, runs[0].Settings.Network.HiddenActivation.Name, runs.Count, runs[0].MetricName, mean, std,
                runs.Average(r => r.Dead), runs.Average(r => r.DeadShare), runs.Average(r => r.Inactive),
                runs.Average(r => r.BornDead), runs.Average(r => r.BornDeadLayer ? 1.0 : 0.0), runs.Average(r => r.BestEpoch));
        }).ToList();
}
