namespace NeuralNet.Core.Datasets;

/// <summary>
/// Seeded generators of the classic toy problems (the same seed gives the same rows). Class labels are text
/// ("class_a", "class_b", ...) so that the CLI infers classification.
/// </summary>
public static class SyntheticDatasets
{
    /// <summary>The generator names, as the CLI's <c>generate</c> accepts them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["xor", "moons", "spirals", "circles", "linear", "friedman1", "uniform"];

    /// <summary>Generates dataset <paramref name="name"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="rows">Rows to draw (&gt; 0).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added (≥ 0).</param>
    /// <param name="seed">Seed of every draw.</param>
    /// <param name="features">Feature count for "linear" and "uniform" (Friedman #1 always has 10, the others 2).</param>
    /// <exception cref="ArgumentException">If the name is unknown (the message lists the valid names) or a number is out of range.</exception>
    public static GeneratedDataset Generate(string name, int rows, double noise, long seed, int features = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (!(noise >= 0 && double.IsFinite(noise))) throw new ArgumentOutOfRangeException(nameof(noise), noise, "Expected a finite noise ≥ 0.");
        var rng = new Rng(seed);
        return name switch
        {
            "xor" => Xor(rows, noise, rng),
            "moons" => Moons(rows, noise, rng),
            "spirals" => Spirals(rows, noise, rng),
            "circles" => Circles(rows, noise, rng),
            "linear" => Linear(rows, noise, features, rng),
            "friedman1" => Friedman1(rows, noise, rng),
            "uniform" => Uniform(rows, features, rng),
            _ => throw new ArgumentException($"Unknown dataset '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>XOR: x uniform in [−1, 1]²; class_a where x₁·x₂ &gt; 0, class_b otherwise.</summary>
    private static GeneratedDataset Xor(int rows, double noise, Rng rng)
    {
        var x = new double[rows][];
        var labels = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextUniform(-1, 1), b = rng.NextUniform(-1, 1);
            labels[i] = a * b > 0 ? "class_a" : "class_b";
            x[i] = [a + noise * rng.NextGaussian(), b + noise * rng.NextGaussian()];
        }
        return new("xor", ["x1", "x2"], x, "label", labels, null);
    }

    /// <summary>Two interleaving half circles (scikit-learn's make_moons), half the rows each.</summary>
    private static GeneratedDataset Moons(int rows, double noise, Rng rng)
    {
        var x = new double[rows][];
        var labels = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            bool outer = i % 2 == 0;
            double t = Math.PI * rng.NextDouble();
            double a = outer ? Math.Cos(t) : 1 - Math.Cos(t);
            double b = outer ? Math.Sin(t) : 0.5 - Math.Sin(t);
            x[i] = [a + noise * rng.NextGaussian(), b + noise * rng.NextGaussian()];
            labels[i] = outer ? "class_a" : "class_b";
        }
        return new("moons", ["x1", "x2"], x, "label", labels, null);
    }

    /// <summary>Two intertwined Archimedean spirals, 1.5 turns each (radius grows with the angle).</summary>
    private static GeneratedDataset Spirals(int rows, double noise, Rng rng)
    {
        var x = new double[rows][];
        var labels = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            bool first = i % 2 == 0;
            double t = 3 * Math.PI * Math.Sqrt(rng.NextDouble()); // sqrt spreads points evenly along the arm
            double sign = first ? 1 : -1;
            x[i] = [sign * t * Math.Cos(t) / (3 * Math.PI) + noise * rng.NextGaussian(),
                    sign * t * Math.Sin(t) / (3 * Math.PI) + noise * rng.NextGaussian()];
            labels[i] = first ? "class_a" : "class_b";
        }
        return new("spirals", ["x1", "x2"], x, "label", labels, null);
    }

    /// <summary>A circle of radius 1 around one of radius 0.5 (scikit-learn's make_circles, factor 0.5).</summary>
    private static GeneratedDataset Circles(int rows, double noise, Rng rng)
    {
        var x = new double[rows][];
        var labels = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            bool outer = i % 2 == 0;
            double t = 2 * Math.PI * rng.NextDouble(), r = outer ? 1.0 : 0.5;
            x[i] = [r * Math.Cos(t) + noise * rng.NextGaussian(), r * Math.Sin(t) + noise * rng.NextGaussian()];
            labels[i] = outer ? "outer" : "inner";
        }
        return new("circles", ["x1", "x2"], x, "label", labels, null);
    }

    /// <summary>Noisy linear regression: x ~ N(0, 1)^d, y = Σ wⱼxⱼ + 0.5 + noise with wⱼ drawn once from U(−2, 2).</summary>
    private static GeneratedDataset Linear(int rows, double noise, int features, Rng rng)
    {
        var w = new double[features];
        for (int j = 0; j < features; j++) w[j] = rng.NextUniform(-2, 2);
        var x = new double[rows][];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = new double[features];
            double sum = 0.5;
            for (int j = 0; j < features; j++) { x[i][j] = rng.NextGaussian(); sum += w[j] * x[i][j]; }
            y[i] = sum + noise * rng.NextGaussian();
        }
        return new("linear", Enumerable.Range(1, features).Select(j => $"x{j}").ToArray(), x, "y", null, y);
    }

    /// <summary>Friedman #1: x ~ U(0, 1)^10, y = 10 sin(π x₁x₂) + 20 (x₃ − 0.5)² + 10 x₄ + 5 x₅ + noise (x₆…x₁₀ are irrelevant).</summary>
    private static GeneratedDataset Friedman1(int rows, double noise, Rng rng)
    {
        var x = new double[rows][];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            var v = new double[10];
            for (int j = 0; j < 10; j++) v[j] = rng.NextDouble();
            x[i] = v;
            y[i] = 10 * Math.Sin(Math.PI * v[0] * v[1]) + 20 * (v[2] - 0.5) * (v[2] - 0.5) + 10 * v[3] + 5 * v[4]
                   + noise * rng.NextGaussian();
        }
        return new("friedman1", Enumerable.Range(1, 10).Select(j => $"x{j}").ToArray(), x, "y", null, y);
    }

    /// <summary>
    /// Inputs uniform in [−1, 1]^d with target 0 — the probe data of the born-dead experiment (Lu et al. 2020),
    /// where only the network at initialization matters.
    /// </summary>
    private static GeneratedDataset Uniform(int rows, int features, Rng rng)
    {
        var x = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            x[i] = new double[features];
            for (int j = 0; j < features; j++) x[i][j] = rng.NextUniform(-1, 1);
        }
        return new("uniform", Enumerable.Range(1, features).Select(j => $"x{j}").ToArray(), x, "y", null, new double[rows]);
    }
}
