using System.Numerics;

namespace NeuralNet.Core.Training.Optimizers;

/// <summary>Optimizers by name, the strings the CLI's <c>--optimizer</c> uses.</summary>
public static class OptimizerRegistry
{
    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "adam", "adamw"];

    /// <summary>Builds the optimizer called <paramref name="name"/>.</summary>
    /// <param name="name">"sgd", "momentum" (μ = 0.9), "nesterov" (μ = 0.9), "adam" or "adamw".</param>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="weightDecay">λ (L2 for sgd/momentum/nesterov/adam, decoupled for adamw).</param>
    /// <param name="momentum">μ for momentum and nesterov; default 0.9.</param>
    /// <exception cref="ArgumentException">If the name is unknown (the message lists the valid names).</exception>
    public static Optimizer<T> Create<T>(string name, IReadOnlyList<Parameter<T>> parameters, double learningRate,
        double weightDecay = 0, double momentum = 0.9) where T : struct, IFloatingPointIeee754<T> => name switch
    {
        "sgd" => new Sgd<T>(parameters, learningRate, 0, false, weightDecay),
        "momentum" => new Sgd<T>(parameters, learningRate, momentum, false, weightDecay),
        "nesterov" => new Sgd<T>(parameters, learningRate, momentum, true, weightDecay),
        "adam" => new Adam<T>(parameters, learningRate, weightDecay: weightDecay),
        "adamw" => new Adam<T>(parameters, learningRate, weightDecay: weightDecay, decoupled: true),
        _ => throw new ArgumentException($"Unknown optimizer '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
