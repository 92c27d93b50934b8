using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// Synthetic classification data shaped like the peers' (<c>common.py</c> <c>synth</c>): standard-normal features,
/// labels = argmax of the features times a random "teacher" matrix, one-hot encoded.
/// </summary>
public static class SyntheticData
{
    /// <summary>Builds the <see cref="BenchmarkConfig.Rows"/> rows of <paramref name="config"/>.</summary>
    /// <param name="config">Layer widths and rows.</param>
    /// <param name="seed">Seed for <see cref="Rng"/>.</param>
    /// <returns>Features (rows × inputs) and one-hot targets (rows × classes).</returns>
    public static (Matrix<float> Features, Matrix<float> Targets) Generate(BenchmarkConfig config, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rng = new Rng(seed);
        int inputs = config.Layers[0], classes = config.Layers[^1];
        var teacher = new double[inputs, classes];
        for (int i = 0; i < inputs; i++)
            for (int c = 0; c < classes; c++) teacher[i, c] = rng.NextGaussian();
        var x = Matrix<float>.Build.Dense(config.Rows, inputs);
        var y = Matrix<float>.Build.Dense(config.Rows, classes);
        var row = new double[inputs];
        for (int r = 0; r < config.Rows; r++)
        {
            for (int i = 0; i < inputs; i++) x[r, i] = (float)(row[i] = rng.NextGaussian());
            y[r, ArgMaxOfProduct(row, teacher, classes)] = 1f;
        }
        return (x, y);
    }

    private static int ArgMaxOfProduct(double[] row, double[,] teacher, int classes)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < classes; c++)
        {
            double score = 0;
            for (int i = 0; i < row.Length; i++) score += row[i] * teacher[i, c];
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }
}
