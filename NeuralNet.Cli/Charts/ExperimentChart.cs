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
        foreach (var group in outcomes.GroupBy(o => o.Settings.Network.HiddenActivation.Name))
        {
            var curves = group.Select(DeadSharePerEpoch).ToList();
            int length = curves.Min(c => c.Length);
            if (length == 0) continue;
            double[] epochs = Enumerable.Range(0, length).Select(e => (double)e).ToArray();
            double[] mean = epochs.Select(e => curves.Average(c => c[(int)e])).ToArray();
            var line = dead.Add.Scatter(epochs, mean);
            line.LegendText = $"{group.Key} ({group.Count()} runs)";
            line.MarkerSize = length > 40 ? 0 : 4;
        }
        ChartFile.Label(dead, "Dead share of hidden units (mean over runs)", "epoch (0 = initialization)", "dead share");
        dead.Axes.SetLimitsY(0, 1);
        dead.ShowLegend(Alignment.UpperLeft);

        var metric = chart.GetPlot(1);
        for (int i = 0; i < table.Count; i++)
        {
            var bar = metric.Add.Bar(position: i, value: table[i].MetricMean, error: table[i].MetricStd);
            bar.LegendText = table[i].Setting;
        }
        metric.Axes.Bottom.SetTicks(Enumerable.Range(0, table.Count).Select(i => (double)i).ToArray(),
            table.Select(t => t.Activation).ToArray());
        string metricName = table.Count > 0 ? table[0].MetricName : "metric";
        ChartFile.Label(metric, $"Final {metricName} per setting (mean ± std over seeds)", "setting", metricName);
        metric.ShowLegend(Alignment.LowerRight);

        ChartFile.Save(chart, path, 900);
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
