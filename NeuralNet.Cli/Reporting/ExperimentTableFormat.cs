using System.Globalization;
using NeuralNet.Core.Experiments.Statistics;

namespace NeuralNet.Cli.Reporting;

/// <summary>How the experiment table writes its statistics: 4 decimals, "-" where a value does not exist.</summary>
public static class ExperimentTableFormat
{
    /// <summary>"0.9500 ± 0.0123", or the mean alone for one run.</summary>
    public static string MeanWithInterval(SampleStatistics s)
        => double.IsNaN(s.ConfidenceHalfWidth) ? Number(s.Mean) : $"{Number(s.Mean)} ± {Number(s.ConfidenceHalfWidth)}";

    /// <summary>The paired mean difference with its interval ("+0.0100 ± 0.0050"), "baseline" for the first setting.</summary>
    public static string Difference(PairedComparison? c)
        => c is null ? "baseline"
            : double.IsNaN(c.Difference.ConfidenceHalfWidth) ? Signed(c.Difference.Mean)
            : $"{Signed(c.Difference.Mean)} ± {Number(c.Difference.ConfidenceHalfWidth)}";

    /// <summary>A p-value with 3 significant decimals, "&lt;0.001" below that, "-" when there is none.</summary>
    public static string PValue(double? p)
        => p is not { } v || double.IsNaN(v) ? "-" : v < 0.001 ? "<0.001" : v.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>4 decimals, "-" for NaN.</summary>
    public static string Number(double v) => double.IsNaN(v) ? "-" : v.ToString("F4", CultureInfo.InvariantCulture);

    private static string Signed(double v) => double.IsNaN(v) ? "-" : (v >= 0 ? "+" : "") + Number(v);
}
