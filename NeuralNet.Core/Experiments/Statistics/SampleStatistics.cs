using MathNet.Numerics.Distributions;

namespace NeuralNet.Core.Experiments.Statistics;

/// <summary>
/// Mean, sample standard deviation (divisor n − 1) and the two-sided 95% confidence interval of the mean from
/// Student's t distribution with n − 1 degrees of freedom: mean ± t(0.975, n − 1) · s / √n, as
/// <c>scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=sem)</c> gives.
/// </summary>
/// <param name="Count">Number of values.</param>
/// <param name="Mean">Arithmetic mean (NaN for no values).</param>
/// <param name="StandardDeviation">Sample standard deviation (NaN for fewer than two values).</param>
/// <param name="ConfidenceHalfWidth">Half-width of the 95% interval of the mean (NaN for fewer than two values).</param>
public sealed record SampleStatistics(int Count, double Mean, double StandardDeviation, double ConfidenceHalfWidth)
{
    /// <summary>The confidence level of <see cref="ConfidenceHalfWidth"/>.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>Lower end of the 95% interval.</summary>
    public double Lower => Mean - ConfidenceHalfWidth;

    /// <summary>Upper end of the 95% interval.</summary>
    public double Upper => Mean + ConfidenceHalfWidth;

    /// <summary>Summarizes <paramref name="values"/>.</summary>
    public static SampleStatistics Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0) return new SampleStatistics(0, double.NaN, double.NaN, double.NaN);
        double mean = values.Average();
        if (n == 1) return new SampleStatistics(1, mean, double.NaN, double.NaN);
        double sumSquares = 0;
        foreach (double v in values) sumSquares += (v - mean) * (v - mean);
        double sd = Math.Sqrt(sumSquares / (n - 1));
        return new SampleStatistics(n, mean, sd, TCritical(n - 1) * sd / Math.Sqrt(n));
    }

    /// <summary>t(0.975, degrees of freedom): the two-sided 95% critical value.</summary>
    internal static double TCritical(int degreesOfFreedom)
        => StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + ConfidenceLevel / 2);
}
