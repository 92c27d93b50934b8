using MathNet.Numerics.Distributions;

namespace NeuralNet.Core.Experiments.Statistics;

/// <summary>
/// A setting against a baseline, paired by seed (the same seed gives both runs the same split and shuffling, so the
/// per-seed differences remove that shared noise): the mean difference, its 95% interval, and the two-sided paired
/// t-test's p-value (<c>scipy.stats.ttest_rel</c>) and the Wilcoxon signed-rank test's (<c>scipy.stats.wilcoxon</c>), which
/// does not assume normal differences. <see cref="AdjustedP"/> and <see cref="WilcoxonAdjustedP"/> are set by
/// <see cref="HolmCorrection"/> when several settings are compared with one baseline.
/// </summary>
/// <param name="Pairs">Seeds both settings ran.</param>
/// <param name="Difference">Mean and 95% interval of (setting − baseline) over the pairs.</param>
/// <param name="T">The t statistic (NaN for fewer than two pairs; ±∞ when every difference is the same non-zero value).</param>
/// <param name="P">Two-sided p-value (1 when every difference is 0; NaN for fewer than two pairs).</param>
/// <param name="AdjustedP">Holm-adjusted p-value across the comparisons of one table (NaN until adjusted).</param>
public sealed record PairedComparison(int Pairs, SampleStatistics Difference, double T, double P, double AdjustedP)
{
    /// <summary>The Wilcoxon signed-rank test of the same differences.</summary>
    public WilcoxonResult Wilcoxon { get; init; } = new(0, 0, double.NaN, false);

    /// <summary>Holm-adjusted Wilcoxon p-value across the comparisons of one table (NaN until adjusted).</summary>
    public double WilcoxonAdjustedP { get; init; } = double.NaN;

    /// <summary>
    /// Compares <paramref name="candidate"/> with <paramref name="baseline"/> on the seeds both have.
    /// </summary>
    /// <param name="baseline">Final metric per seed of the baseline setting.</param>
    /// <param name="candidate">Final metric per seed of the compared setting.</param>
    public static PairedComparison Compare<TKey>(IReadOnlyDictionary<TKey, double> baseline, IReadOnlyDictionary<TKey, double> candidate)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var differences = candidate.Keys.Where(baseline.ContainsKey).Order().Select(seed => candidate[seed] - baseline[seed]).ToList();
        var stats = SampleStatistics.Of(differences);
        var wilcoxon = WilcoxonSignedRank.Test(differences);
        return TTest(differences, stats) with { Wilcoxon = differences.Count < 2 ? wilcoxon with { P = double.NaN } : wilcoxon };
    }

    private static PairedComparison TTest(List<double> differences, SampleStatistics stats)
    {
        if (differences.Count < 2) return new PairedComparison(differences.Count, stats, double.NaN, double.NaN, double.NaN);
        if (stats.StandardDeviation == 0)
            return stats.Mean == 0
                ? new PairedComparison(differences.Count, stats, 0, 1, double.NaN)
                : new PairedComparison(differences.Count, stats, Math.CopySign(double.PositiveInfinity, stats.Mean), 0, double.NaN);
        double t = stats.Mean / (stats.StandardDeviation / Math.Sqrt(differences.Count));
        double p = 2 * StudentT.CDF(0, 1, differences.Count - 1, -Math.Abs(t));
        return new PairedComparison(differences.Count, stats, t, p, double.NaN);
    }
}
