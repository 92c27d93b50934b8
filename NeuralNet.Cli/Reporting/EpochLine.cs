using System.Text;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Reporting;

/// <summary>The one line printed per epoch: <c>epoch 12/200  loss 0.3121  val_loss 0.3410  val_acc 0.9333  dead 3/48  4 ms</c>.</summary>
public static class EpochLine
{
    /// <summary>Formats one epoch.</summary>
    /// <param name="m">The epoch's metrics.</param>
    /// <param name="epochs">Epochs asked for.</param>
    /// <param name="metricName">"acc" or "r2".</param>
    /// <param name="verbose">Adds the training metric and dead units per layer.</param>
    public static string Format(EpochMetrics m, int epochs, string metricName, bool verbose)
    {
        var line = new StringBuilder($"epoch {m.Epoch}/{epochs}");
        if (m.Epoch == 0) line.Append("  initialization");
        else line.Append($"  loss {Reporting.Format.Value(m.Loss)}");
        if (verbose && m.Epoch > 0) line.Append($"  {metricName} {Reporting.Format.Value(m.Metric)}");
        if (m.ValidationLoss is { } vl) line.Append($"  val_loss {Reporting.Format.Value(vl)}");
        if (m.ValidationMetric is { } vm) line.Append($"  val_{metricName} {Reporting.Format.Value(vm)}");
        if (m.DeadNeurons is { Count: > 0 } dead)
        {
            line.Append($"  dead {m.TotalDead}/{m.TotalUnits}");
            if (verbose && dead.Count > 1) line.Append($" ({string.Join(" ", dead.Select(d => $"{d.Dead}/{d.Units}"))})");
            int inactive = dead.Sum(d => d.Inactive);
            if (inactive > 0) line.Append($"  inactive {inactive}/{m.TotalUnits}"); // LeakyReLU/PReLU units negative on every row
        }
        if (m.Recycled.Count > 0) line.Append($"  recycled {m.Recycled.Count}"); // after the measurement (ReDo)
        if (m.Epoch > 0) line.Append($"  {Reporting.Format.Duration(m.Elapsed)}");
        return line.ToString();
    }
}
