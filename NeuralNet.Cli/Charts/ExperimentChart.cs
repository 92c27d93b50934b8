using NeuralNet.Core.Experiments;
using ScottPlot;

namespace NeuralNet.Cli.Charts;

/// <summary>
/// The chart of an experiment (<c>experiment --plot</c>): the dead share of hidden units per epoch for each
/// activation (mean over seeds and settings), and the final metric per setting (mean ± std over seeds).
/// </summary>
internal static class ExperimentChart
{
    public static void Save(string path, IReadOnlyList<RunOutcome> outcomes, IReadOnlyList<ExperimentSummary> table)
    {
        var chart = ChartFile.Rows(2);

        var dead = chart.GetPlot(0);
        var labels = ShortLabels(table.Select(t => t.Setting).ToList());
        foreach (var group in outcomes.GroupBy(o => o.Settings.SettingKey))
        {
            var curves = group.Select(DeadSharePerEpoch).ToList();
            int length = curves.Min(c => c.Length);
            if (length == 0) continue;
            double[] epochs = Enumerable.Range(0, length).Select(e => (double)e).ToArray();
            double[] mean = epochs.Select(e => curves.Average(c => c[(int)e])).ToArray();
            var line = dead.Add.Scatter(epochs, mean);
            line.LegendText = $"{labels[group.Key]} ({group.Count()} runs)";
            line.MarkerSize = length > 40 ? 0 : 4;
        }
        ChartFile.Label(dead, "Dead share of hidden units (mean over runs)", "epoch (0 = initialization)", "dead share");
        dead.Axes.SetLimitsY(-0.02, 1.02); // a curve at 0 stays visible above the axis
        dead.ShowLegend(Alignment.MiddleRight);

        var metric = chart.GetPlot(1);
        for (int i = 0; i < table.Count; i++)
            metric.Add.Bar(position: i, value: table[i].MetricMean, error: table[i].MetricStd);
        metric.Axes.Bottom.SetTicks(Enumerable.Range(0, table.Count).Select(i => (double)i).ToArray(),
            table.Select(t => labels[t.Setting]).ToArray());
        string metricName = table.Count > 0 ? table[0].MetricName : "metric";
        ChartFile.Label(metric, $"Final {metricName} per setting (mean ± std over seeds)", "setting", metricName);

        ChartFile.Save(chart, path, 900);
    }

    /// <summary>Each setting's label reduced to the parts that differ between settings (e.g. "relu bias=-3").</summary>
    private static Dictionary<string, string> ShortLabels(IReadOnlyList<string> settings)
    {
        var tokens = settings.Select(s => s.Split(' ')).ToList();
        int width = tokens.Count == 0 ? 0 : tokens.Min(t => t.Length);
        var varying = Enumerable.Range(0, width).Where(i => i == 0 || tokens.Select(t => t[i]).Distinct().Count() > 1).ToList();
        return settings.Distinct().ToDictionary(s => s, s =>
        {
            var parts = s.Split(' ');
            return parts.Length == width ? string.Join(" ", varying.Select(i => parts[i])) : s;
        });
    }

    /// <summary>Dead share at each measured epoch, carrying the last measurement forward over unmeasured epochs.</summary>
    private static double[] DeadSharePerEpoch(RunOutcome run)
    {
        var history = run.Result.History;
        var shares = new double[history.Count];
        double last = 0;
        for (int e = 0; e < history.Count; e++)
        {
            if (history[e].DeadNeurons is { } d && run.Units > 0) last = (double)d.Sum(l => l.Dead) / run.Units;
            shares[e] = last;
        }
        return shares;
    }
}
