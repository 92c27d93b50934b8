using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Datasets;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

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

    /// <summary>Trains a 2-8-2 network with <paramref name="activation"/> on XOR (Adam 0.05, 300 epochs, seed 7), in precision T.</summary>
    public static TrainingResult TrainXor<T>(string activation) where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng(7);
        var net = Mlp<T>.Create(new MlpSpec(2, [8], 2, new ActivationSpec(activation)), rng);
        var trainer = new Trainer<T>(net, new SoftmaxCrossEntropy<T>(), new Adam<T>(net.Parameters, 0.05), rng,
            new TrainerOptions { Epochs = 300, BatchSize = 4 });
        return trainer.Fit(Xor<T>());
    }

    /// <summary>Two moons (noise 0.1) with one-hot targets, from the seeded generator.</summary>
    public static Dataset<double> Moons(int rows, long seed)
    {
        var data = SyntheticDatasets.Generate("moons", rows, 0.1, seed);
        var x = Matrix<double>.Build.DenseOfRowArrays(data.Features);
        var y = Matrix<double>.Build.Dense(rows, 2, (i, c) => (data.Labels![i] == "class_a") == (c == 0) ? 1 : 0);
        return new Dataset<double>(x, y);
    }
}
