using System.Numerics;

namespace NeuralNet.Core.Activations;

/// <summary>
/// The one place activations are registered by name. The CLI's <c>--activation</c> values and the names in model
/// files are these strings; an unknown name is refused with the list of valid ones.
/// </summary>
public static class ActivationRegistry
{
    /// <summary>The registered names, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["relu", "leaky-relu", "prelu", "identity", "sigmoid", "tanh"];

    /// <summary>The rectifier family, the activations whose units can die.</summary>
    public static IReadOnlyList<string> RectifierNames { get; } = ["relu", "leaky-relu", "prelu"];

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>Builds the activation described by <paramref name="spec"/> for a layer of <paramref name="units"/> units.</summary>
    /// <param name="spec">Name and settings.</param>
    /// <param name="units">Units in the layer.</param>
    /// <param name="parameterPrefix">Prefix for learnable parameters' names, for example "layer0".</param>
    /// <exception cref="ArgumentException">If the name is unknown (the message lists the valid names), or α is given to an activation without one.</exception>
    public static IActivation<T> Create<T>(ActivationSpec spec, int units, string parameterPrefix = "act")
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Factories<T>.ByName.TryGetValue(spec.Name, out var factory))
            throw new ArgumentException(
                $"Unknown activation '{spec.Name}'. Expected one of: {string.Join(", ", Names)}.", nameof(spec));
        if (spec.Alpha is not null && spec.Name is not ("leaky-relu" or "prelu"))
            throw new ArgumentException($"Activation '{spec.Name}' takes no α; only leaky-relu and prelu do.", nameof(spec));
        if (spec.PerUnitAlpha && spec.Name != "prelu")
            throw new ArgumentException($"Only prelu can have one α per unit, not '{spec.Name}'.", nameof(spec));
        return factory(spec, units, parameterPrefix);
    }

    private static class Factories<T> where T : struct, IFloatingPointIeee754<T>
    {
        public static readonly Dictionary<string, Func<ActivationSpec, int, string, IActivation<T>>> ByName = new()
        {
            ["relu"] = (_, units, _) => new Relu<T>(units),
            ["leaky-relu"] = (spec, units, _) => new LeakyRelu<T>(units, spec.Alpha ?? LeakyRelu<T>.DefaultSlope),
            ["prelu"] = (spec, units, prefix) =>
                new PRelu<T>(units, spec.PerUnitAlpha, spec.Alpha ?? PRelu<T>.DefaultInitialAlpha, prefix),
            ["identity"] = (_, units, _) => new Identity<T>(units),
            ["sigmoid"] = (_, units, _) => new Sigmoid<T>(units),
            ["tanh"] = (_, units, _) => new Tanh<T>(units),
        };
    }
}
