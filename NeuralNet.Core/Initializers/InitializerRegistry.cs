namespace NeuralNet.Core.Initializers;

/// <summary>Weight initializers by name, the strings the CLI's <c>--init</c> and model files use.</summary>
public static class InitializerRegistry
{
    private static readonly IWeightInitializer[] All =
    [
        ScaledInitializer.HeNormal, ScaledInitializer.HeUniform,
        ScaledInitializer.GlorotNormal, ScaledInitializer.GlorotUniform,
        ScaledInitializer.LeCunNormal, ScaledInitializer.LeCunUniform,
        RandomizedAsymmetricInitializer.Paper, RandomizedAsymmetricInitializer.HeMatched,
    ];

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names => All.Select(i => i.Name).ToList();

    /// <summary>The initializer called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">If the name is unknown (the message lists the valid names).</exception>
    public static IWeightInitializer Get(string name)
        => All.FirstOrDefault(i => i.Name == name)
           ?? throw new ArgumentException($"Unknown initializer '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name));
}
