using NeuralNet.Core.Activations;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// The axes of an experiment grid. <see cref="Expand"/> crosses them into one <see cref="RunSettings"/> per
/// combination and seed, in a fixed order (activation, hidden sizes, learning rate, initializer, bias, seed).
/// </summary>
/// <param name="Activations">Hidden activations to compare, for example relu, leaky-relu, prelu.</param>
/// <param name="HiddenSizes">Hidden-layer size lists to try; empty = the template's.</param>
/// <param name="LearningRates">Learning rates to try; empty = the template's.</param>
/// <param name="Initializers">Initializer names to try; empty = the template's.</param>
/// <param name="HiddenBiases">Initial hidden biases to try; empty = the template's.</param>
/// <param name="Seeds">Number of seeds per setting: seeds FirstSeed, FirstSeed + 1, ….</param>
/// <param name="FirstSeed">The first seed.</param>
public sealed record ExperimentGrid(
    IReadOnlyList<ActivationSpec> Activations,
    IReadOnlyList<IReadOnlyList<int>> HiddenSizes,
    IReadOnlyList<double> LearningRates,
    IReadOnlyList<string> Initializers,
    IReadOnlyList<double> HiddenBiases,
    int Seeds,
    long FirstSeed = 1)
{
    /// <summary>Every run of the grid, based on <paramref name="template"/> (whose seed and varied fields are replaced).</summary>
    /// <exception cref="ArgumentException">If there is no activation or the seed count is not positive.</exception>
    public IReadOnlyList<RunSettings> Expand(RunSettings template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (Activations.Count == 0) throw new ArgumentException("An experiment needs at least one activation.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Seeds);
        var net = template.Network;
        var runs = new List<RunSettings>();
        foreach (var activation in Activations)
        foreach (var hidden in OrDefault(HiddenSizes, net.Hidden))
        foreach (double lr in OrDefault(LearningRates, template.LearningRate))
        foreach (string init in OrDefault(Initializers, net.Initializer))
        foreach (double bias in OrDefault(HiddenBiases, net.HiddenBias))
        for (int s = 0; s < Seeds; s++)
            runs.Add(template with
            {
                Network = net with { HiddenActivation = activation, HiddenActivations = null, Hidden = hidden, Initializer = init, HiddenBias = bias },
                LearningRate = lr,
                Seed = FirstSeed + s,
            });
        return runs;
    }

    private static IReadOnlyList<TItem> OrDefault<TItem>(IReadOnlyList<TItem> values, TItem fallback)
        => values.Count > 0 ? values : [fallback];
}
