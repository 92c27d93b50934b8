using NeuralNet.Core.Models;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;
using Plotly.NET;

namespace NeuralNet.Cli.Charts.Html;

/// <summary>
/// Writes the HTML report of an experiment grid: per setting, the learning curve over the seeds (mean with a ±1 standard
/// deviation band; validation loss when there is validation data), the dead and inactive share per epoch (mean over
/// seeds), and the final dead / inactive share and validation metric.
/// </summary>
public static class ExperimentReport
{
    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, IReadOnlyList<KeyValuePair<string, string>> identity, IReadOnlyList<RunOutcome> outcomes)
    {
        string html = Render(identity, outcomes);
        AtomicFile.WriteText(path, w => w.Write(html));
    }

    /// <summary>The report as one self-contained HTML document.</summary>
    public static string Render(IReadOnlyList<KeyValuePair<string, string>> identity, IReadOnlyList<RunOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(outcomes);
        var page = new HtmlReportPage("neuralnet experiment report");
        page.Heading("Experiment");
        page.Table(identity);
        var groups = outcomes.GroupBy(o => o.Settings.SettingKey).Select(g => g.ToList()).ToList();
        if (groups.Count == 0) { page.Paragraph("No run finished."); return page.Render(); }
        bool validation = outcomes.Any(o => o.Result.History.Any(h => h.ValidationLoss is not null));
        string loss = validation ? "validation loss" : "training loss";

        page.Heading("Learning curves per setting (mean ± 1 std over seeds)");
        page.Chart(PlotlyCharts.Titled(PlotlyCharts.Combine(groups.Select((g, i) =>
            Band(g, h => validation ? h.ValidationLoss ?? double.NaN : h.Loss, $"{g[0].Settings.SettingKey} ({g.Count} runs)", i, 1))),
            $"{loss} per epoch", "epoch", loss), logSwitch: true);

        page.Heading("Dead and inactive share per setting");
        page.Chart(PlotlyCharts.Titled(PlotlyCharts.Combine(groups.SelectMany((g, i) => new[]
        {
            PlotlyCharts.Line(MeanCurve(g, h => Share(h, s => s.Dead), 0), $"{g[0].Settings.SettingKey} dead", i),
            PlotlyCharts.Line(MeanCurve(g, h => Share(h, s => s.Inactive), 0), $"{g[0].Settings.SettingKey} inactive", i, dashed: true),
        })), "Dead and inactive share of hidden units per epoch (mean over seeds)", "epoch", "% of units", (0, 100)));
        var labels = groups.Select(g => g[0].Settings.SettingKey).ToArray();
        page.Chart(PlotlyCharts.Titled(PlotlyCharts.Combine([
            PlotlyCharts.Columns(labels, groups.Select(g => 100 * g.Average(o => o.DeadShare)), "dead % at the end", 1),
            PlotlyCharts.Columns(labels, groups.Select(g => 100.0 * g.Average(o => o.Units == 0 ? 0 : (double)o.Inactive / o.Units)), "inactive % at the end", 0)]),
            "Dead and inactive share at the end (mean over seeds)", "setting", "% of units", (0, 100)));
        string metric = (validation ? "validation " : "training ") + outcomes[0].MetricName;
        page.Chart(PlotlyCharts.Titled(PlotlyCharts.Columns(labels, groups.Select(g => g.Average(o => o.Metric)), metric, 2),
            $"Final {metric} per setting (mean over seeds)", "setting", metric, MetricRange(groups)));
        return page.Render();
    }

    private static double Share(EpochMetrics h, Func<Core.Diagnostics.LayerDeadStats, int> count)
        => h.DeadNeurons is { } d && d.Sum(s => s.Units) > 0 ? 100.0 * d.Sum(count) / d.Sum(s => s.Units) : double.NaN;

    /// <summary>Per epoch from <paramref name="firstEpoch"/>: the mean of <paramref name="value"/> over the runs that have it.</summary>
    private static IEnumerable<(double, double)> MeanCurve(IReadOnlyList<RunOutcome> runs, Func<EpochMetrics, double> value, int firstEpoch)
        => PerEpoch(runs, value, firstEpoch).Select(p => (p.Epoch, p.Values.Average()));

    private static GenericChart Band(IReadOnlyList<RunOutcome> runs, Func<EpochMetrics, double> value, string name, int colour, int firstEpoch)
    {
        var points = PerEpoch(runs, value, firstEpoch).ToList();
        double[] x = points.Select(p => p.Epoch).ToArray();
        double[] mean = points.Select(p => p.Values.Average()).ToArray();
        double[] std = points.Select((p, i) => p.Values.Length > 1 ? Math.Sqrt(p.Values.Sum(v => (v - mean[i]) * (v - mean[i])) / (p.Values.Length - 1)) : 0).ToArray();
        return PlotlyCharts.Band(x, mean, mean.Select((m, i) => m - std[i]).ToArray(), mean.Select((m, i) => m + std[i]).ToArray(), name, colour);
    }

    private static IEnumerable<(double Epoch, double[] Values)> PerEpoch(IReadOnlyList<RunOutcome> runs, Func<EpochMetrics, double> value, int firstEpoch)
    {
        int last = runs.Max(r => r.Result.EpochsRun);
        for (int e = firstEpoch; e <= last; e++)
        {
            int epoch = e;
            var values = runs.Select(r => r.Result.History.FirstOrDefault(h => h.Epoch == epoch)).OfType<EpochMetrics>()
                .Select(value).Where(double.IsFinite).ToArray();
            if (values.Length > 0) yield return (e, values);
        }
    }

    /// <summary>A y range around the metric means (not from 0, so 0.99 and 1.00 can be told apart).</summary>
    private static (double, double) MetricRange(IReadOnlyList<List<RunOutcome>> groups)
    {
        var means = groups.Select(g => g.Average(o => o.Metric)).Where(double.IsFinite).ToArray();
        if (means.Length == 0) return (0, 1);
        double lo = means.Min(), hi = means.Max(), pad = Math.Max((hi - lo) * 0.15, 0.005);
        return (lo - pad, hi + pad);
    }
}
