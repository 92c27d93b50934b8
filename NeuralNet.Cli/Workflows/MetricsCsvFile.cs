using NeuralNet.Core.Models;
using System.Globalization;
using NeuralNet.Core.Data;
using NeuralNet.Cli.Persistence;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Workflows;

/// <summary>The per-epoch metrics CSV of <c>train --metrics-csv</c>: one row per trained epoch.</summary>
public static class MetricsCsvFile
{
    /// <summary>Writes the history (epoch 0, the initialization, is left out) atomically.</summary>
    /// <param name="path">Output path.</param>
    /// <param name="history">The trainer's history.</param>
    /// <param name="metricName">"acc" or "r2".</param>
    public static void Write(string path, IReadOnlyList<EpochMetrics> history, string metricName)
    {
        int layers = history.Select(h => h.DeadNeurons?.Count ?? 0).DefaultIfEmpty(0).Max();
        var header = new List<string> { "epoch", "loss", metricName, "val_loss", "val_" + metricName, "dead_total" };
        header.AddRange(Enumerable.Range(0, layers).Select(l => $"dead_layer{l}"));
        header.Add("elapsed_ms");
        var rows = history.Where(h => h.Epoch > 0).Select(h =>
        {
            var row = new List<string> { h.Epoch.ToString(CultureInfo.InvariantCulture), Number(h.Loss), Number(h.Metric),
                Number(h.ValidationLoss), Number(h.ValidationMetric), h.TotalDead?.ToString(CultureInfo.InvariantCulture) ?? "" };
            row.AddRange(Enumerable.Range(0, layers).Select(l => h.DeadNeurons is { } d && l < d.Count ? d[l].Dead.ToString(CultureInfo.InvariantCulture) : ""));
            row.Add(Math.Round(h.Elapsed.TotalMilliseconds, 3).ToString(CultureInfo.InvariantCulture));
            return (IReadOnlyList<string>)row;
        });
        AtomicFile.WriteText(path, writer => CsvTableWriter.Write(writer, header, rows));
    }

    private static string Number(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
