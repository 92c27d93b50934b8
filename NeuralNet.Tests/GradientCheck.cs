using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests;

/// <summary>
/// Central-difference gradient checks in float64, shared by the activation, loss, layer and network tests
/// (the idea of sklearn's <c>test_gradient</c> and SharpLearning's <c>GradientCheckerTool</c>, with a tighter tolerance).
/// </summary>
/// <remarks>
/// numeric_i = (L(v + h·e_i) − L(v − h·e_i)) / 2h with h = 1e-5: the truncation error is h²·L'''/6 ≈ 1e-11 and the
/// round-off about ε·|L|/h ≈ 1e-11·|L|, both far below the 1e-6 relative tolerance for gradients of order 1e-3…1.
/// The relative error |a − n| / max(|a| + |n|, 1e-6) is symmetric, and for gradients that vanish (a dead ReLU input)
/// it becomes an absolute test |a − n| &lt; 1e-12, so an exact zero is not judged by its rounding noise.
/// </remarks>
internal static class GradientCheck
{
    public const double Step = 1e-5;
    public const double Tolerance = 1e-6;
    public const double Floor = 1e-6;

    public static double RelativeError(double analytic, double numeric)
        => Math.Abs(analytic - numeric) / Math.Max(Math.Abs(analytic) + Math.Abs(numeric), Floor);

    /// <summary>dL/dv_i by central differences, perturbing <paramref name="values"/> in place (and restoring them).</summary>
    public static double[] Numeric(Func<double> objective, double[] values)
    {
        var gradient = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + Step;
            double plus = objective();
            values[i] = saved - Step;
            double minus = objective();
            values[i] = saved;
            gradient[i] = (plus - minus) / (2 * Step);
        }
        return gradient;
    }

    /// <summary>
    /// Asserts that <paramref name="analytic"/> equals the central-difference gradient of <paramref name="objective"/>
    /// with respect to <paramref name="values"/>, element by element, and that the gradient is not identically zero
    /// (a check against a constant objective would pass for any backward).
    /// </summary>
    public static void AssertGradient(string what, Func<double> objective, double[] values, ReadOnlySpan<double> analytic)
    {
        var numeric = Numeric(objective, values);
        Assert.That(analytic.Length, Is.EqualTo(numeric.Length), $"{what}: gradient length");
        int worst = 0;
        double worstError = 0;
        for (int i = 0; i < numeric.Length; i++)
        {
            double error = RelativeError(analytic[i], numeric[i]);
            if (error > worstError) (worst, worstError) = (i, error);
        }
        Assert.That(numeric.Max(Math.Abs), Is.GreaterThan(1e-3), $"{what}: the numeric gradient vanishes, so the check proves nothing");
        Assert.That(worstError, Is.LessThan(Tolerance),
            $"{what}[{worst}]: analytic {analytic[worst]:R} vs numeric {numeric[worst]:R}");
    }

    /// <summary>The scalar objective L = Σ r ⊙ output used to check a backward pass: dL/d(output) = r.</summary>
    public static double Dot(Matrix<double> r, Matrix<double> output) => r.PointwiseMultiply(output).Enumerate().Sum();

    /// <summary>A matrix of uniform draws in [low, high).</summary>
    public static Matrix<double> Uniform(Rng rng, int rows, int columns, double low = -1, double high = 1)
        => Matrix<double>.Build.Dense(rows, columns, (_, _) => rng.NextUniform(low, high));

    /// <summary>
    /// A matrix whose entries have random signs and magnitudes in [min, max): pre-activations kept away from the
    /// rectifiers' kink at 0, so that ±h never crosses it.
    /// </summary>
    public static Matrix<double> AwayFromZero(Rng rng, int rows, int columns, double min = 0.1, double max = 2)
        => Matrix<double>.Build.Dense(rows, columns,
            (_, _) => (rng.NextDouble() < 0.5 ? -1 : 1) * rng.NextUniform(min, max));

    /// <summary>The column-major array behind a dense matrix (the numeric check perturbs it in place).</summary>
    public static double[] Values(Matrix<double> m) => m.Data();
}
