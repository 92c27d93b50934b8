using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Benchmarks;

/// <summary>
/// Synthetic classification data shaped like the peers' (<c>common.py</c> <c>synth</c>): standard-normal features,
/// labels = argmax of the features times a random "teacher" matrix, one-hot encoded; cut into batch matrices once,
/// so a timed loop does no copying.
/// </summary>
public static class SyntheticData
{
    /// <summary>Builds the batches of <paramref name="config"/> (the last one is shorter when rows do not divide evenly).</summary>
    /// <param name="config">Layer widths, batch size and rows.</param>
    /// <param name="seed">Seed for <see cref="Rng"/>.</param>
    /// <returns>(features, one-hot targets) per batch.</returns>
    public static IReadOnlyList<(Matrix<float> Features, Matrix<float> Targets)> Batches(BenchmarkConfig config, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rng = new Rng(seed);
        int inputs = config.Layers[0], classes = config.Layers[^1];
        var teacher = new double[inputs, classes];
        for (int i = 0; i < inputs; i++)
            for (int c = 0; c < classes; c++) teacher[i, c] = rng.NextGaussian();
        var batches = new List<(Matrix<float>, Matrix<float>)>();
        var row = new double[inputs];
        for (int start = 0; start < config.Rows; start += config.BatchSize)
        {
            int rows = Math.Min(config.BatchSize, config.Rows - start);
            var x = Matrix<float>.Build.Dense(rows, inputs);
            var y = Matrix<float>.Build.Dense(rows, classes);
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < inputs; i++) x[r, i] = (float)(row[i] = rng.NextGaussian());
                y[r, ArgMaxOfProduct(row, teacher, classes)] = 1f;
            }
            batches.Add((x, y));
        }
        return batches;
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
