using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Training;
using ScottPlot;

namespace NeuralNet.Cli.Charts;

/// <summary>
/// The chart of one training run (<c>train --plot</c>): loss per epoch, the validation metric per epoch, and dead
/// units per hidden layer per epoch (epoch 0 = at initialization); with PReLU, a fourth panel shows each layer's learned
/// α per epoch (the mean, and the min–max band when there is one α per unit).
/// </summary>
internal static class TrainingChart
{
    public static void Save(string path, IReadOnlyList<EpochMetrics> history, string metricName, IReadOnlyList<AlphaSnapshot>? alphas = null)
    {
        bool withAlpha = alphas is { Count: > 0 } && alphas[0].Layers.Count > 0;
        var chart = ChartFile.Rows(withAlpha ? 4 : 3);
        var trained = history.Where(h => h.Epoch > 0).ToList();
        double[] epochs = trained.Select(h => (double)h.Epoch).ToArray();

        var loss = chart.GetPlot(0);
        Line(loss, epochs, trained.Select(h => h.Loss).ToArray(), "training loss");
        if (trained.Any(h => h.ValidationLoss is not null))
            Line(loss, epochs, trained.Select(h => h.ValidationLoss ?? double.NaN).ToArray(), "validation loss");
        ChartFile.Label(loss, "Loss", "epoch", "loss");
        loss.ShowLegend(Alignment.UpperRight);

        var metric = chart.GetPlot(1);
        Line(metric, epochs, trained.Select(h => h.Metric).ToArray(), $"training {metricName}");
        if (trained.Any(h => h.ValidationMetric is not null))
            Line(metric, epochs, trained.Select(h => h.ValidationMetric ?? double.NaN).ToArray(), $"validation {metricName}");
        ChartFile.Label(metric, metricName == "accuracy" ? "Accuracy" : "R²", "epoch", metricName);
        metric.ShowLegend(Alignment.LowerRight);

        var dead = chart.GetPlot(2);
        var measured = history.Where(h => h.DeadNeurons is not null).ToList();
        int layers = measured.Count == 0 ? 0 : measured[0].DeadNeurons!.Count;
        double[] measuredEpochs = measured.Select(h => (double)h.Epoch).ToArray();
        for (int l = 0; l < layers; l++)
        {
            int units = measured[0].DeadNeurons![l].Units;
            Line(dead, measuredEpochs, measured.Select(h => (double)h.DeadNeurons![l].Dead).ToArray(), $"hidden layer {l + 1} ({units} units)");
        }
        ChartFile.Label(dead, "Dead units (positive on no training row)", "epoch (0 = initialization)", "dead units");
        dead.Axes.SetLimitsY(-0.5, Math.Max(1, measured.SelectMany(h => h.DeadNeurons!).Select(s => s.Units).DefaultIfEmpty(1).Max()));
        if (layers > 0) dead.ShowLegend(Alignment.UpperLeft);

        if (withAlpha) AlphaPanel(chart.GetPlot(3), alphas!);
        ChartFile.Save(chart, path, withAlpha ? 1450 : 1100);
    }

    private static void AlphaPanel(Plot plot, IReadOnlyList<AlphaSnapshot> alphas)
    {
        double[] epochs = alphas.Select(a => (double)a.Epoch).ToArray();
        for (int l = 0; l < alphas[0].Layers.Count; l++)
        {
            int layer = l;
            bool perUnit = alphas[0].Layers[l].Length > 1;
            Line(plot, epochs, alphas.Select(a => a.Layers[layer].Average()).ToArray(), $"hidden layer {l + 1} α{(perUnit ? " (mean)" : "")}");
            if (!perUnit) continue;
            Line(plot, epochs, alphas.Select(a => a.Layers[layer].Min()).ToArray(), $"hidden layer {l + 1} α min");
            Line(plot, epochs, alphas.Select(a => a.Layers[layer].Max()).ToArray(), $"hidden layer {l + 1} α max");
        }
        ChartFile.Label(plot, "PReLU learned slope α", "epoch (0 = initialization)", "α");
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.MarkerSize = xs.Length > 40 ? 0 : 4;
    }
}
