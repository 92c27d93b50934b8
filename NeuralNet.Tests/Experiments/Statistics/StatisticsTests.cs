using NeuralNet.Core.Experiments.Statistics;

namespace NeuralNet.Tests.Experiments.Statistics;

public class StatisticsTests
{
    // Student's t with 2 degrees of freedom has closed forms: CDF F(t) = 1/2 + t / (2·√(2 + t²)) and
    // quantile t_q = (2q − 1) / √(2q(1 − q)). The tests below use those, not values pasted from another tool.
    private static double TQuantile2(double q) => (2 * q - 1) / Math.Sqrt(2 * q * (1 - q));
    private static double TCdf2(double t) => 0.5 + t / (2 * Math.Sqrt(2 + t * t));

    [Test]
    public void SampleStatistics_OfThreeValues_UsesTheSampleDeviationAndStudentsT()
    {
        var s = SampleStatistics.Of([1.0, 2.0, 3.0]);

        // mean 2; squared deviations 1 + 0 + 1 over n − 1 = 2 gives sd 1; half-width t(0.975, 2) · 1 / √3.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.Mean, Is.EqualTo(2.0));
            Assert.That(s.StandardDeviation, Is.EqualTo(1.0).Within(1e-15));
            Assert.That(s.ConfidenceHalfWidth, Is.EqualTo(TQuantile2(0.975) / Math.Sqrt(3)).Within(1e-9));
            Assert.That(s.Lower, Is.EqualTo(2.0 - s.ConfidenceHalfWidth));
        }
    }

    [Test]
    public void SampleStatistics_OfOneValue_HasNoSpread()
    {
        var s = SampleStatistics.Of([0.5]);
        Assert.That(s.Mean, Is.EqualTo(0.5));
        Assert.That(s.StandardDeviation, Is.NaN);
        Assert.That(s.ConfidenceHalfWidth, Is.NaN);
    }

    [Test]
    public void TCritical_ForManyDegreesOfFreedom_ApproachesTheNormalQuantile()
        => Assert.That(SampleStatistics.TCritical(100_000), Is.EqualTo(1.959963984540054).Within(1e-4));

    [Test]
    public void PairedComparison_PairsBySeed_AndIgnoresSeedsOnlyOneSideRan()
    {
        var baseline = new Dictionary<long, double> { [1] = 0.5, [2] = 0.6, [3] = 0.7 };
        var candidate = new Dictionary<long, double> { [3] = 0.7, [1] = 0.6, [2] = 0.8, [4] = 0.9 };

        var c = PairedComparison.Compare(baseline, candidate);

        // Differences 0.1, 0.2, 0.0: mean 0.1, sd 0.1, t = 0.1 / (0.1 / √3) = √3 on 2 degrees of freedom.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(c.Pairs, Is.EqualTo(3));
            Assert.That(c.Difference.Mean, Is.EqualTo(0.1).Within(1e-12));
            Assert.That(c.T, Is.EqualTo(Math.Sqrt(3)).Within(1e-9));
            Assert.That(c.P, Is.EqualTo(2 * (1 - TCdf2(Math.Sqrt(3)))).Within(1e-9));
        }
    }

    [Test]
    public void PairedComparison_WithIdenticalResults_HasPOne()
    {
        var same = new Dictionary<long, double> { [1] = 0.9, [2] = 0.8 };
        Assert.That(PairedComparison.Compare(same, same).P, Is.EqualTo(1.0));
    }

    [Test]
    public void Holm_MultipliesTheKthSmallestByMMinusKPlusOne_AndKeepsTheOrderMonotone()
    {
        // Sorted: 0.01 × 3 = 0.03; 0.03 × 2 = 0.06; 0.04 × 1 = 0.04, raised to 0.06 to stay monotone.
        var adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03, double.NaN]);
        Assert.That(adjusted[0], Is.EqualTo(0.03).Within(1e-15));
        Assert.That(adjusted[1], Is.EqualTo(0.06).Within(1e-15));
        Assert.That(adjusted[2], Is.EqualTo(0.06).Within(1e-15));
        Assert.That(adjusted[3], Is.NaN);
    }

    [Test]
    public void Holm_NeverExceedsOne()
        => Assert.That(HolmCorrection.Adjust([0.6, 0.7]), Is.EqualTo(new[] { 1.0, 1.0 }));
}
