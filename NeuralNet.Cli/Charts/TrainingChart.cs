using NeuralNet.Core.Training;
using ScottPlot;

namespace NeuralNet.Cli.Charts;

/// <summary>
/// The chart of one training run (<c>train --plot</c>): loss per epoch, the validation metric per epoch, and dead
/// units per hidden layer per epoch (epoch 0 = at initialization).
/// </summary>
internal static class TrainingChart
{
    public static void Save(string path, IReadOnlyList<EpochMetrics> history, string metricName)
    {
        var chart = ChartFile.Rows(3);
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
        dead.Axes.SetLimitsY(0, Math.Max(1, measured.SelectMany(h => h.DeadNeurons!).Select(s => s.Units).DefaultIfEmpty(1).Max()));
        if (layers > 0) dead.ShowLegend(Alignment.UpperLeft);

        ChartFile.Save(chart, path, 1100);
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.MarkerSize = xs.Length > 40 ? 0 : 4;
    }
}
