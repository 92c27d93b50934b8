using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Training;
using ScottPlot;

namespace NeuralNet.Cli.Charts;

/// <summary>
/// The chart of one training run (<c>train --plot</c>): loss per epoch (log scale when it spans more than two decades,
/// so a loss near 5e-5 is not a flat line), the metric per epoch, both with the best epoch marked, and the dead,
/// inactive and near-dead share of each hidden layer per epoch in % (epoch 0 = at initialization); with PReLU, a fourth
/// panel shows each layer's learned α per epoch (the mean, and the min–max band when there is one α per unit).
/// </summary>
internal static class TrainingChart
{
    /// <summary>A loss whose largest and smallest values differ by at least this factor is drawn on a log scale.</summary>
    public const double LogScaleRatio = 100;

    /// <param name="path">PNG file to write.</param>
    /// <param name="history">Epoch 0 and the trained epochs.</param>
    /// <param name="metricName">"accuracy" or "r2".</param>
    /// <param name="alphas">PReLU α per epoch, or null.</param>
    /// <param name="caption">Data, seed and settings, shown in the top title.</param>
    /// <param name="bestEpoch">The epoch to mark (the weights the model holds), or null.</param>
    public static void Save(string path, IReadOnlyList<EpochMetrics> history, string metricName, IReadOnlyList<AlphaSnapshot>? alphas = null,
        string? caption = null, int? bestEpoch = null)
    {
        bool withAlpha = alphas is { Count: > 0 } && alphas[0].Layers.Count > 0;
        var chart = ChartFile.Rows(withAlpha ? 4 : 3);
        var trained = history.Where(h => h.Epoch > 0).ToList();
        double[] epochs = trained.Select(h => (double)h.Epoch).ToArray();

        var loss = Styled(chart.GetPlot(0));
        double[] trainLoss = trained.Select(h => h.Loss).ToArray();
        double[] validationLoss = trained.Select(h => h.ValidationLoss ?? double.NaN).ToArray();
        bool log = UseLogScale(trainLoss.Concat(validationLoss));
        Line(loss, epochs, Scale(trainLoss, log), "training loss");
        if (trained.Any(h => h.ValidationLoss is not null)) Line(loss, epochs, Scale(validationLoss, log), "validation loss");
        ChartFile.Label(loss, caption is null ? "Loss" : $"Loss — {caption}", "epoch", log ? "loss (log scale)" : "loss");
        if (log) loss.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Math.Pow(10, v).ToString("g2", System.Globalization.CultureInfo.InvariantCulture) };
        MarkBest(loss, bestEpoch);
        loss.ShowLegend(Alignment.UpperRight);

        var metric = Styled(chart.GetPlot(1));
        Line(metric, epochs, trained.Select(h => h.Metric).ToArray(), $"training {metricName}");
        if (trained.Any(h => h.ValidationMetric is not null))
            Line(metric, epochs, trained.Select(h => h.ValidationMetric ?? double.NaN).ToArray(), $"validation {metricName}");
        ChartFile.Label(metric, metricName == "accuracy" ? "Accuracy" : "R²", "epoch", metricName);
        MarkBest(metric, bestEpoch);
        metric.ShowLegend(Alignment.LowerRight);

        SharePanel(Styled(chart.GetPlot(2)), history.Where(h => h.DeadNeurons is not null).ToList());
        if (withAlpha) AlphaPanel(Styled(chart.GetPlot(3)), alphas!);
        ChartFile.Save(chart, path, withAlpha ? 1450 : 1100);
    }

    /// <summary>Whether the finite positive values span at least <see cref="LogScaleRatio"/>.</summary>
    public static bool UseLogScale(IEnumerable<double> values)
    {
        var v = values.Where(x => double.IsFinite(x) && x > 0).ToArray();
        return v.Length > 1 && v.Max() / v.Min() >= LogScaleRatio;
    }

    private static double[] Scale(double[] values, bool log) => log ? values.Select(v => v > 0 ? Math.Log10(v) : double.NaN).ToArray() : values;

    /// <summary>Dead (solid), inactive (dashed) and near-dead (dotted) share per layer, one colour per layer.</summary>
    private static void SharePanel(Plot plot, IReadOnlyList<EpochMetrics> measured)
    {
        int layers = measured.Count == 0 ? 0 : measured[0].DeadNeurons!.Count;
        double[] x = measured.Select(h => (double)h.Epoch).ToArray();
        double top = 0;
        for (int l = 0; l < layers; l++)
        {
            int layer = l;
            var colour = plot.Add.Palette.GetColor(l);
            double[] Share(Func<LayerDeadStats, int> count) => measured.Select(h => 100.0 * count(h.DeadNeurons![layer]) / Math.Max(1, h.DeadNeurons![layer].Units)).ToArray();
            string name = $"layer {l} ({measured[0].DeadNeurons![l].Units} units)";
            foreach (var (values, kind, pattern) in new[] { (Share(s => s.Dead), "dead", LinePattern.Solid), (Share(s => s.Inactive), "inactive", LinePattern.Dashed), (Share(s => s.NearDead), "near-dead", LinePattern.Dotted) })
            {
                var line = Line(plot, x, values, $"{name} {kind}");
                line.Color = colour;
                line.LinePattern = pattern;
                top = Math.Max(top, values.DefaultIfEmpty(0).Max());
            }
        }
        ChartFile.Label(plot, "Dead, inactive (LeakyReLU/PReLU) and near-dead (< 1% of rows) units", "epoch (0 = initialization)", "% of the layer's units");
        // Zoom to the data so 4 dead units of 500 (0.8%) are visible; at least 0–5%.
        plot.Axes.SetLimitsY(-0.02 * Math.Max(5, top * 1.15), Math.Min(100, Math.Max(5, top * 1.15)));
        if (layers > 0) plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void AlphaPanel(Plot plot, IReadOnlyList<AlphaSnapshot> alphas)
    {
        double[] epochs = alphas.Select(a => (double)a.Epoch).ToArray();
        for (int l = 0; l < alphas[0].Layers.Count; l++)
        {
            int layer = l;
            bool perUnit = alphas[0].Layers[l].Length > 1;
            Line(plot, epochs, alphas.Select(a => a.Layers[layer].Average()).ToArray(), $"hidden layer {l} α{(perUnit ? " (mean)" : "")}");
            if (!perUnit) continue;
            Line(plot, epochs, alphas.Select(a => a.Layers[layer].Min()).ToArray(), $"hidden layer {l} α min");
            Line(plot, epochs, alphas.Select(a => a.Layers[layer].Max()).ToArray(), $"hidden layer {l} α max");
        }
        ChartFile.Label(plot, "PReLU learned slope α", "epoch (0 = initialization)", "α");
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void MarkBest(Plot plot, int? bestEpoch)
    {
        if (bestEpoch is not { } best || best <= 0) return;
        var line = plot.Add.VerticalLine(best);
        line.Color = Colors.Black;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = $"best epoch {best}";
    }

    /// <summary>Okabe–Ito colours, which can be told apart (also with colour-vision deficiency).</summary>
    internal static Plot Styled(Plot plot)
    {
        plot.Add.Palette = new ScottPlot.Palettes.ColorblindFriendly();
        return plot;
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.MarkerSize = xs.Length > 40 ? 0 : 4;
        return line;
    }
}
