using NeuralNet.Core.Experiments;
using ScottPlot;

namespace NeuralNet.Cli.Charts;

/// <summary>
/// The chart of an experiment (<c>experiment --plot</c>): the dead and inactive share of hidden units (%) per epoch
/// for each setting (mean over seeds), and the final validation metric per setting (mean ± std over seeds) on an axis
/// fitted to the values.
/// </summary>
internal static class ExperimentChart
{
    /// <param name="path">PNG file to write.</param>
    /// <param name="outcomes">Every finished run.</param>
    /// <param name="table">The per-setting summary.</param>
    /// <param name="caption">Data, seed and fixed settings, shown in the top title.</param>
    public static void Save(string path, IReadOnlyList<RunOutcome> outcomes, IReadOnlyList<ExperimentSummary> table, string? caption = null)
    {
        var chart = ChartFile.Rows(2);

        var dead = TrainingChart.Styled(chart.GetPlot(0));
        var labels = ShortLabels(table.Select(t => t.Setting).ToList());
        double top = 0;
        int colour = 0;
        foreach (var group in outcomes.GroupBy(o => o.Settings.SettingKey))
        {
            var c = dead.Add.Palette.GetColor(colour++);
            foreach (var (kind, inactive, pattern) in new[] { ("dead", false, LinePattern.Solid), ("inactive", true, LinePattern.Dashed) })
            {
                var curves = group.Select(r => SharePerEpoch(r, inactive)).ToList();
                int length = curves.Min(v => v.Length);
                if (length == 0) continue;
                double[] epochs = Enumerable.Range(0, length).Select(e => (double)e).ToArray();
                double[] mean = epochs.Select(e => 100 * curves.Average(v => v[(int)e])).ToArray();
                if (inactive && mean.All(m => m == 0)) continue; // ReLU has no inactive units; keep the legend short
                var line = dead.Add.Scatter(epochs, mean);
                line.LegendText = $"{labels[group.Key]} {kind} ({group.Count()} runs)";
                line.MarkerSize = length > 40 ? 0 : 4;
                line.Color = c;
                line.LinePattern = pattern;
                top = Math.Max(top, mean.Max());
            }
        }
        ChartFile.Label(dead, caption is null ? "Dead and inactive share of hidden units (mean over runs)" : $"Dead and inactive share (mean over runs) — {caption}",
            "epoch (0 = initialization)", "% of hidden units");
        double yMax = Math.Min(100, Math.Max(5, top * 1.15)); // zoomed so a few dead units of many are visible
        dead.Axes.SetLimitsY(-0.02 * yMax, yMax);
        dead.ShowLegend(Alignment.MiddleRight);

        var metric = TrainingChart.Styled(chart.GetPlot(1));
        for (int i = 0; i < table.Count; i++)
        {
            var bar = metric.Add.Bar(position: i, value: table[i].MetricMean, error: table[i].MetricStd);
            bar.Color = metric.Add.Palette.GetColor(i);
        }
        metric.Axes.Bottom.SetTicks(Enumerable.Range(0, table.Count).Select(i => (double)i).ToArray(),
            table.Select(t => labels[t.Setting]).ToArray());
        bool validation = outcomes.Any(o => o.Result.History.Any(h => h.ValidationMetric is not null));
        string metricName = (validation ? "validation " : "training ") + (table.Count > 0 ? table[0].MetricName : "metric");
        ChartFile.Label(metric, $"Final {metricName} per setting (mean ± std over seeds)", "setting", metricName);
        if (table.Count > 0)
        {
            // Not from 0: 0.99 and 1.00 must look different.
            double lo = table.Min(t => t.MetricMean - t.MetricStd), hi = table.Max(t => t.MetricMean + t.MetricStd);
            double pad = Math.Max((hi - lo) * 0.15, 0.005);
            metric.Axes.SetLimitsY(lo - pad, hi + pad);
        }

        ChartFile.Save(chart, path, 900);
    }

    /// <summary>
    /// Each setting's label reduced to the parts that differ between settings (e.g. "relu bias=-3"), keeping the words
    /// only some labels have ("recycle=dead" ends the labels of the settings that recycle).
    /// </summary>
    internal static Dictionary<string, string> ShortLabels(IReadOnlyList<string> settings)
    {
        var tokens = settings.Select(s => s.Split(' ')).ToList();
        int width = tokens.Count == 0 ? 0 : tokens.Min(t => t.Length);
        var varying = Enumerable.Range(0, width).Where(i => i == 0 || tokens.Select(t => t[i]).Distinct().Count() > 1).ToList();
        return settings.Distinct().ToDictionary(s => s, s =>
        {
            var parts = s.Split(' ');
            return string.Join(" ", varying.Select(i => parts[i]).Concat(parts.Skip(width)));
        });
    }

    /// <summary>Dead (or inactive) share at each measured epoch, carrying the last measurement forward over unmeasured epochs.</summary>
    private static double[] SharePerEpoch(RunOutcome run, bool inactive)
    {
        var history = run.Result.History;
        var shares = new double[history.Count];
        double last = 0;
        for (int e = 0; e < history.Count; e++)
        {
            if (history[e].DeadNeurons is { } d && run.Units > 0) last = (double)d.Sum(l => inactive ? l.Inactive : l.Dead) / run.Units;
            shares[e] = last;
        }
        return shares;
    }
}
