using MathNet.Numerics.Distributions;
using NeuralNet.Core.Experiments.Statistics;

namespace NeuralNet.Tests.Experiments.Statistics;

public class WilcoxonTests
{
    /// <summary>The exact two-sided p-value by brute force: every one of the 2ⁿ sign patterns of the ranks 1…n.</summary>
    private static double EnumeratedP(double[] differences)
    {
        int n = differences.Length;
        var byMagnitude = differences.Select((d, i) => (d, i)).OrderBy(p => Math.Abs(p.d)).ToArray();
        int observed = byMagnitude.Select((p, rank) => p.d > 0 ? rank + 1 : 0).Sum();
        int lower = 0, upper = 0;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            int w = 0;
            for (int r = 0; r < n; r++) if ((mask & (1 << r)) != 0) w += r + 1;
            if (w <= observed) lower++;
            if (w >= observed) upper++;
        }
        return Math.Min(1, 2.0 * Math.Min(lower, upper) / (1 << n));
    }

    [Test]
    public void AllPositive_GivesTwoOverTwoToTheN()
    {
        // scipy.stats.wilcoxon([1, 2, 3, 4, 5]).pvalue is 0.0625: only the all-positive pattern reaches W⁺ = 15, so p = 2 · 1/32.
        var r = WilcoxonSignedRank.Test([1.0, 2, 3, 4, 5]);
        Assert.That(r.Exact, Is.True);
        Assert.That(r.WPlus, Is.EqualTo(15));
        Assert.That(r.P, Is.EqualTo(2.0 / 32).Within(1e-15));
        Assert.That(WilcoxonSignedRank.Test([0.0, -1, -2, -3, -4, -5, -6]).P, Is.EqualTo(2.0 / 64).Within(1e-15), "zeros dropped; sign does not matter");
    }

    [TestCase(new[] { 0.3, -0.1, 0.25, 0.05, -0.7, 0.9, 0.12, -0.02 })]
    [TestCase(new[] { 0.01, 0.02, -0.03, 0.04, 0.05, 0.06, -0.07, 0.08, 0.09, 0.1, 0.11, -0.12 })]
    [TestCase(new[] { -1.5, 2.5 })]
    public void ExactP_AgreesWithEnumeratingEverySignPattern(double[] differences)
    {
        var r = WilcoxonSignedRank.Test(differences);
        Assert.That(r.Exact, Is.True);
        Assert.That(r.P, Is.EqualTo(EnumeratedP(differences)).Within(1e-12));
    }

    [Test]
    public void WithTies_UsesTheNormalApproximationWithTheTieCorrection()
    {
        double[] d = [1, 1, 2, 2, 2, -3, 4, 5, 5, 6];
        // |d| ranked: 1,1 → 1.5; 2,2,2 → 4; 3 → 6; 4 → 7; 5,5 → 8.5; 6 → 10. W⁺ = 55 − 6 = 49.
        // Mean n(n+1)/4 = 27.5; variance n(n+1)(2n+1)/24 − Σ(t³ − t)/48 = 96.25 − (6 + 24 + 6)/48 = 95.5.
        double z = (49 - 27.5) / Math.Sqrt(95.5);
        var r = WilcoxonSignedRank.Test(d);
        Assert.That(r.Exact, Is.False);
        Assert.That(r.WPlus, Is.EqualTo(49));
        Assert.That(r.P, Is.EqualTo(2 * Normal.CDF(0, 1, -z)).Within(1e-12));
    }

    [Test]
    public void NoDifferences_GiveNoEvidence()
    {
        Assert.That(WilcoxonSignedRank.Test([0.0, 0, 0]).P, Is.EqualTo(1));
        Assert.That(WilcoxonSignedRank.Test([]).P, Is.NaN);
    }

    [Test]
    public void SubsetSumCounts_SumToTwoToTheN_AndAreSymmetric()
    {
        var counts = WilcoxonSignedRank.SubsetSumCounts(20);
        Assert.That(counts.Sum(), Is.EqualTo(Math.Pow(2, 20)));
        Assert.That(counts, Is.EqualTo(counts.Reverse().ToArray()));
    }

    [Test]
    public void PairedComparison_CarriesTheWilcoxonTestOfTheSameDifferences()
    {
        var baseline = new Dictionary<(long, int), double> { [(1, 0)] = 0.5, [(1, 1)] = 0.6, [(2, 0)] = 0.7, [(2, 1)] = 0.4, [(3, 0)] = 0.9 };
        var candidate = new Dictionary<(long, int), double> { [(1, 0)] = 0.6, [(1, 1)] = 0.8, [(2, 0)] = 0.65, [(2, 1)] = 0.8, [(3, 0)] = 1.0 };

        var c = PairedComparison.Compare(baseline, candidate);

        double[] differences = [0.1, 0.2, -0.05, 0.4, 0.1];
        Assert.That(c.Pairs, Is.EqualTo(5));
        Assert.That(c.Wilcoxon.WPlus, Is.EqualTo(WilcoxonSignedRank.Test(differences).WPlus));
        Assert.That(c.Difference.Mean, Is.EqualTo(differences.Average()).Within(1e-12));
    }
}
