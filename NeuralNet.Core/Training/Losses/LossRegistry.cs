using System.Numerics;

namespace NeuralNet.Core.Training.Losses;

/// <summary>Losses by name, the strings the CLI's <c>--loss</c> and model files use.</summary>
public static class LossRegistry
{
    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["softmax-cross-entropy", "binary-cross-entropy", "mse"];

    /// <summary>The loss called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">If the name is unknown (the message lists the valid names).</exception>
    public static ILoss<T> Create<T>(string name) where T : struct, IFloatingPointIeee754<T> => name switch
    {
        "softmax-cross-entropy" => new SoftmaxCrossEntropy<T>(),
        "binary-cross-entropy" => new BinaryCrossEntropy<T>(),
        "mse" => new MeanSquaredError<T>(),
        _ => throw new ArgumentException($"Unknown loss '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
