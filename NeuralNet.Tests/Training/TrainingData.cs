using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Training;

/// <summary>Small synthetic datasets for the training tests, drawn from a seeded <see cref="Rng"/>.</summary>
internal static class TrainingData
{
    /// <summary>Standardized features N(0, 1) and a noise-free linear target y = x·coefficients.</summary>
    public static Dataset<T> Linear<T>(int rows, double[] coefficients, long seed) where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        var x = Matrix<double>.Build.Dense(rows, coefficients.Length, (_, _) => rng.NextGaussian());
        var y = x * Vector<double>.Build.DenseOfArray(coefficients);
        return new Dataset<T>(x.Map(T.CreateChecked), y.ToColumnMatrix().Map(T.CreateChecked));
    }

    /// <summary>The four XOR rows with one-hot targets (class 1 when exactly one input is 1).</summary>
    public static Dataset<T> Xor<T>() where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var x = Matrix<double>.Build.DenseOfRowArrays([0.0, 0], [0, 1], [1, 0], [1, 1]);
        var y = Matrix<double>.Build.DenseOfRowArrays([1.0, 0], [0, 1], [0, 1], [1, 0]);
        return new Dataset<T>(x.Map(T.CreateChecked), y.Map(T.CreateChecked));
    }
}
