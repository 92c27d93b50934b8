using NeuralNet.Core.Models;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Training;
using Plotly.NET;

namespace NeuralNet.Cli.Charts.Html;

/// <summary>What <c>train --report</c> draws: the run's identity, its history and PReLU's α per epoch.</summary>
/// <param name="Identity">Data file, its SHA-256, seed and every setting, in display order.</param>
/// <param name="History">Epoch 0 (initialization) and one entry per epoch.</param>
/// <param name="BestEpoch">The epoch whose weights the model holds.</param>
/// <param name="MetricName">"accuracy" or "r2".</param>
/// <param name="Alphas">PReLU α per epoch, or null/empty when the network has none.</param>
public sealed record TrainingReportInput(
    IReadOnlyList<KeyValuePair<string, string>> Identity, IReadOnlyList<EpochMetrics> History, int BestEpoch, string MetricName,
    IReadOnlyList<AlphaSnapshot>? Alphas)
{
    /// <summary>Every death with its verdict (the run's <c>DeathCauses</c>); empty when not known.</summary>
    public IReadOnlyList<DeathCause> Causes { get; init; } = [];
}

/// <summary>
/// Writes the HTML report of one training run: loss and metric curves (with a log-scale switch and the best epoch
/// marked), dead / inactive / near-dead share per layer, a per-unit activity heatmap per layer, the death timeline and
/// PReLU's α. Every number comes from the per-epoch dead-neuron measurement the trainer already takes.
/// </summary>
public static class TrainingReport
{
    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, TrainingReportInput input)
    {
        string html = Render(input);
        AtomicFile.WriteText(path, w => w.Write(html));
    }

    /// <summary>The report as one self-contained HTML document.</summary>
    public static string Render(TrainingReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var page = new HtmlReportPage("neuralnet train report");
        page.Heading("Run");
        page.Table(input.Identity);
        var trained = input.History.Where(h => h.Epoch > 0).ToList();
        var measured = input.History.Where(h => h.DeadNeurons is not null).ToList();

        page.Heading("Loss and metric");
        page.Chart(Curves(trained, input.BestEpoch, h => h.Loss, h => h.ValidationLoss, "loss", $"Loss per epoch (best epoch {input.BestEpoch})"), logSwitch: true);
        page.Chart(Curves(trained, input.BestEpoch, h => h.Metric, h => h.ValidationMetric, input.MetricName, $"{input.MetricName} per epoch"));

        if (measured.Count == 0) page.Paragraph("Dead neurons were not measured in this run.");
        else
        {
            page.Heading("Dead, inactive and near-dead units");
            page.Chart(Shares(measured));
            page.Heading("Per-unit activity (share of training rows with z > 0; × = dead)");
            int layers = measured[0].DeadNeurons!.Count;
            for (int l = 0; l < layers; l++) page.Chart(UnitHeatmap(measured, l));
            page.Heading("Death timeline");
            page.Chart(DeathTimeline(measured, input.History, input.Causes));
        }
        if (input.Alphas is { Count: > 0 } alphas)
        {
            page.Heading("PReLU α");
            page.Chart(Alpha(alphas));
        }
        return page.Render();
    }

    private static GenericChart Curves(IReadOnlyList<EpochMetrics> h, int best, Func<EpochMetrics, double> train, Func<EpochMetrics, double?> validation, string name, string title)
    {
        var charts = new List<GenericChart> { PlotlyCharts.Line(h.Select(e => ((double)e.Epoch, train(e))), $"training {name}", 0) };
        if (h.Any(e => validation(e) is not null))
            charts.Add(PlotlyCharts.Line(h.Select(e => ((double)e.Epoch, validation(e) ?? double.NaN)), $"validation {name}", 1));
        var bestEntry = h.FirstOrDefault(e => e.Epoch == best);
        if (bestEntry is not null)
            charts.Add(PlotlyCharts.Markers([(best, validation(bestEntry) ?? train(bestEntry))], $"best epoch {best}", "#000000", StyleParam.MarkerSymbol.Star));
        return PlotlyCharts.Titled(PlotlyCharts.Combine(charts), title, "epoch", name);
    }

    private static GenericChart Shares(IReadOnlyList<EpochMetrics> measured)
    {
        int layers = measured[0].DeadNeurons!.Count;
        var charts = new List<GenericChart>();
        for (int l = 0; l < layers; l++)
        {
            int layer = l;
            IEnumerable<(double, double)> Share(Func<LayerDeadStats, int> count)
                => measured.Select(e => ((double)e.Epoch, 100.0 * count(e.DeadNeurons![layer]) / Math.Max(1, e.DeadNeurons![layer].Units)));
            charts.Add(PlotlyCharts.Line(Share(s => s.Dead), $"layer {l} dead", l));
            charts.Add(PlotlyCharts.Line(Share(s => s.Inactive), $"layer {l} inactive", l, dashed: true));
            charts.Add(PlotlyCharts.Line(Share(s => s.NearDead), $"layer {l} near-dead", l + layers));
            charts.Add(PlotlyCharts.Line(Share(s => s.Dormant), $"layer {l} dormant (τ={HtmlReportPage.Number(measured[0].DeadNeurons![l].DormantTau)})", l + layers, dashed: true));
        }
        return PlotlyCharts.Titled(PlotlyCharts.Combine(charts), "Share of hidden units per layer", "epoch", "% of units", (0, 100));
    }

    private static GenericChart UnitHeatmap(IReadOnlyList<EpochMetrics> measured, int layer)
    {
        var stats = measured.Select(e => e.DeadNeurons![layer]).ToList();
        int units = stats[0].Units;
        double[] epochs = measured.Select(e => (double)e.Epoch).ToArray();
        var z = Enumerable.Range(0, units).Select(u => stats.Select(s => s.ActiveShares.Count > u ? s.ActiveShares[u] : double.NaN).ToArray()).ToArray();
        var dead = measured.SelectMany((e, i) => stats[i].DeadUnits.Select(u => ((double)e.Epoch, (double)u)));
        var chart = PlotlyCharts.Combine([
            PlotlyCharts.Heatmap(z, epochs, Enumerable.Range(0, units).Select(u => (double)u).ToArray(), $"layer {layer} activity"),
            PlotlyCharts.Markers(dead, "dead", "#FF0000", StyleParam.MarkerSymbol.X)]);
        return PlotlyCharts.Titled(chart, $"Layer {layer} ({stats[0].Activation}, {units} units): share of rows with z > 0", "epoch", "unit");
    }

    /// <summary>
    /// Deaths (alive → dead between two measurements) by cause, revivals (dead → alive on their own) and recyclings
    /// (ReDo, after the epoch's measurement), per unit.
    /// </summary>
    private static GenericChart DeathTimeline(IReadOnlyList<EpochMetrics> measured, IReadOnlyList<EpochMetrics> history, IReadOnlyList<DeathCause> causes)
    {
        var deaths = new Dictionary<int, List<(double, double)>>(); // by verdict; −1: no cause recorded
        var revivals = new List<(double, double)>();
        var born = new List<(double, double)>();
        var recycled = new List<(double, double)>();
        int layers = measured[0].DeadNeurons!.Count, offset = 0;
        for (int l = 0; l < layers; l++)
        {
            var before = new HashSet<int>();
            for (int i = 0; i < measured.Count; i++)
            {
                var now = measured[i].DeadNeurons![l].DeadUnits.ToHashSet();
                int epoch = measured[i].Epoch;
                foreach (int u in now.Except(before))
                {
                    if (epoch == 0) { born.Add((epoch, offset + u)); continue; }
                    int verdict = causes.FirstOrDefault(c => c.Layer == l && c.Unit == u && c.Epoch == epoch) is { } c ? (int)c.Verdict : -1;
                    if (!deaths.TryGetValue(verdict, out var list)) deaths[verdict] = list = new List<(double, double)>();
                    list.Add((epoch, offset + u));
                }
                foreach (int u in before.Except(now)) revivals.Add((epoch, offset + u));
                before = now;
                // A recycled unit is a new unit: its coming back to life is not a revival.
                foreach (var r in measured[i].Recycled.Where(r => r.Layer == l))
                {
                    recycled.Add((epoch, offset + r.Unit));
                    before.Remove(r.Unit);
                }
            }
            offset += measured[0].DeadNeurons![l].Units;
        }
        // Recyclings in epochs without a measurement (--recycle-every below --dead-every) are drawn too.
        foreach (var e in history.Where(h => h.DeadNeurons is null))
            foreach (var r in e.Recycled)
                recycled.Add((e.Epoch, measured[0].DeadNeurons!.Take(r.Layer).Sum(s => s.Units) + r.Unit));
        var traces = new List<GenericChart> { PlotlyCharts.Markers(born, "born dead", "#555555", StyleParam.MarkerSymbol.Square) };
        string[] colours = ["#D55E00", "#CC79A7", "#E69F00", "#0072B2"];
        foreach (var (verdict, points) in deaths.OrderBy(d => d.Key))
            traces.Add(PlotlyCharts.Markers(points, verdict >= 0 ? $"died: {DeathCause.Describe((DeathVerdict)verdict)}" : "died",
                colours[Math.Max(0, verdict) % colours.Length], StyleParam.MarkerSymbol.X));
        traces.Add(PlotlyCharts.Markers(revivals, "revived", "#009E73", StyleParam.MarkerSymbol.Circle));
        if (recycled.Count > 0) traces.Add(PlotlyCharts.Markers(recycled, "recycled (ReDo)", "#56B4E9", StyleParam.MarkerSymbol.TriangleUp));
        var chart = PlotlyCharts.Combine(traces);
        return PlotlyCharts.Titled(chart, "Death timeline (units numbered across layers, layer 1 first)", "epoch", "unit");
    }

    private static GenericChart Alpha(IReadOnlyList<AlphaSnapshot> alphas)
    {
        var charts = new List<GenericChart>();
        int layers = alphas[0].Layers.Count;
        for (int l = 0; l < layers; l++)
        {
            int layer = l;
            bool perUnit = alphas[0].Layers[l].Length > 1;
            charts.Add(PlotlyCharts.Line(alphas.Select(a => ((double)a.Epoch, a.Layers[layer].Average())), $"layer {l} α{(perUnit ? " (mean)" : "")}", l));
            if (perUnit)
            {
                charts.Add(PlotlyCharts.Line(alphas.Select(a => ((double)a.Epoch, a.Layers[layer].Min())), $"layer {l} α min", l, dashed: true));
                charts.Add(PlotlyCharts.Line(alphas.Select(a => ((double)a.Epoch, a.Layers[layer].Max())), $"layer {l} α max", l, dashed: true));
            }
        }
        return PlotlyCharts.Titled(PlotlyCharts.Combine(charts), "PReLU α per epoch", "epoch", "α");
    }
}
