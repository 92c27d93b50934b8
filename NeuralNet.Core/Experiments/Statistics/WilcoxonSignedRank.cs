namespace NeuralNet.Core.Experiments.Statistics;

/// <summary>The outcome of a Wilcoxon signed-rank test.</summary>
/// <param name="Pairs">Non-zero differences ranked (zero differences are dropped, scipy's <c>zero_method="wilcox"</c>).</param>
/// <param name="WPlus">Sum of the ranks of the positive differences.</param>
/// <param name="P">Two-sided p-value (1 when every difference is 0; NaN without differences).</param>
/// <param name="Exact">Whether <paramref name="P"/> comes from the exact null distribution (else the normal approximation).</param>
public sealed record WilcoxonResult(int Pairs, double WPlus, double P, bool Exact);

/// <summary>
/// The Wilcoxon signed-rank test of paired differences (<c>scipy.stats.wilcoxon(d)</c> with its defaults): zero
/// differences are dropped, |d| ranked with ties given their average rank; the two-sided p-value is exact (the
/// distribution of W⁺ over all 2ⁿ sign patterns) for at most <see cref="ExactLimit"/> differences without ties, and
/// otherwise from the normal approximation with the tie correction and no continuity correction.
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>Up to this many differences (without ties) the p-value is exact, as scipy's <c>method="auto"</c>.</summary>
    public const int ExactLimit = 50;

    /// <summary>Tests whether the differences are centred on 0.</summary>
    public static WilcoxonResult Test(IReadOnlyList<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var d = differences.Where(x => !double.IsNaN(x)).ToList();
        if (d.Count == 0) return new WilcoxonResult(0, 0, double.NaN, false);
        d = d.Where(x => x != 0).ToList();
        int n = d.Count;
        if (n == 0) return new WilcoxonResult(0, 0, 1, true);

        var order = Enumerable.Range(0, n).OrderBy(i => Math.Abs(d[i])).ToArray();
        var ranks = new double[n];
        double tieTerm = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && Math.Abs(d[order[end + 1]]) == Math.Abs(d[order[start]])) end++;
            double rank = (start + end) / 2.0 + 1; // average of ranks start+1 … end+1
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            double t = end - start + 1;
            tieTerm += t * t * t - t;
            start = end + 1;
        }
        double wPlus = Enumerable.Range(0, n).Where(i => d[i] > 0).Sum(i => ranks[i]);

        if (tieTerm == 0 && n <= ExactLimit)
        {
            // With ranks 1…n, count the sign patterns giving each W⁺ (subset sums), then take the smaller tail twice.
            double[] counts = SubsetSumCounts(n);
            int w = (int)wPlus;
            double total = Math.Pow(2, n), lower = 0, upper = 0;
            for (int s = 0; s < counts.Length; s++)
            {
                if (s <= w) lower += counts[s];
                if (s >= w) upper += counts[s];
            }
            return new WilcoxonResult(n, wPlus, Math.Min(1, 2 * Math.Min(lower, upper) / total), true);
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2 * n + 1) / 24.0 - tieTerm / 48;
        if (variance <= 0) return new WilcoxonResult(n, wPlus, 1, false);
        double z = (wPlus - mean) / Math.Sqrt(variance);
        return new WilcoxonResult(n, wPlus, Math.Min(1, MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2))), false);
    }

    /// <summary>Number of subsets of {1, …, n} with each sum 0 … n(n+1)/2 (exact in a double up to n = 50: at most 2⁵⁰).</summary>
    internal static double[] SubsetSumCounts(int n)
    {
        var counts = new double[n * (n + 1) / 2 + 1];
        counts[0] = 1;
        for (int r = 1; r <= n; r++)
            for (int s = counts.Length - 1; s >= r; s--) counts[s] += counts[s - r];
        return counts;
    }
}
