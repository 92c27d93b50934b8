using System.Globalization;
using System.Text;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Reporting;

/// <summary>
/// The one line printed per epoch, fixed-width so the columns line up from the first epoch to the last:
/// <c>epoch  12/200  loss   0.3121  val_loss   0.3410  val_acc   0.9333    4 ms  dead  3/48</c>. Numbers take
/// <see cref="NumberWidth"/> characters (enough for "2.858e-4"), the epoch and dead counts the width of their totals;
/// the parts that are not on every line (dead units, measured every --dead-every epochs) come last.
/// </summary>
public static class EpochLine
{
    /// <summary>Characters each number takes (right-aligned).</summary>
    public const int NumberWidth = 8;

    private const int DurationWidth = 6; // "999 ms", "12.3 s"

    /// <summary>Formats one epoch.</summary>
    /// <param name="m">The epoch's metrics.</param>
    /// <param name="epochs">Epochs asked for.</param>
    /// <param name="metricName">"acc" or "r2".</param>
    /// <param name="verbose">Adds the training metric and dead units per layer.</param>
    public static string Format(EpochMetrics m, int epochs, string metricName, bool verbose)
    {
        int digits = Math.Max(epochs, m.Epoch).ToString(CultureInfo.InvariantCulture).Length;
        var line = new StringBuilder($"epoch {m.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(digits)}/{epochs}");
        if (m.Epoch == 0) line.Append("  initialization");
        else line.Append($"  loss {Number(m.Loss)}");
        if (verbose && m.Epoch > 0) line.Append($"  {metricName} {Number(m.Metric)}");
        if (m.ValidationLoss is { } vl) line.Append($"  val_loss {Number(vl)}");
        if (m.ValidationMetric is { } vm) line.Append($"  val_{metricName} {Number(vm)}");
        if (m.Epoch > 0) line.Append($"  {Reporting.Format.Duration(m.Elapsed).PadLeft(DurationWidth)}");
        if (m.DeadNeurons is { Count: > 0 } dead)
        {
            line.Append($"  dead {Count(m.TotalDead ?? 0, m.TotalUnits ?? 0)}");
            if (verbose && dead.Count > 1) line.Append($" ({string.Join(" ", dead.Select(d => Count(d.Dead, d.Units)))})");
            int inactive = dead.Sum(d => d.Inactive);
            if (inactive > 0) line.Append($"  inactive {Count(inactive, m.TotalUnits ?? 0)}"); // LeakyReLU/PReLU units negative on every row
        }
        if (m.Recycled.Count > 0) line.Append($"  recycled {m.Recycled.Count}"); // after the measurement (ReDo)
        return line.ToString();
    }

    // A value whose four decimals would not fit (a loss of 1234.5678) takes the exponent form, so the columns stay put.
    private static string Number(double v)
    {
        string text = Reporting.Format.Value(v);
        return (text.Length > NumberWidth && double.IsFinite(v) ? Reporting.Format.Exponent(v) : text).PadLeft(NumberWidth);
    }

    private static string Count(int part, int total)
        => $"{part.ToString(CultureInfo.InvariantCulture).PadLeft(total.ToString(CultureInfo.InvariantCulture).Length)}/{total}";
}
