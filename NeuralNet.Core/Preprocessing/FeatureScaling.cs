namespace NeuralNet.Core.Preprocessing;

/// <summary>
/// How a numeric feature becomes its network input. Every scaling encodes with the one formula
/// <c>(x − Offset) / Scale</c> (<see cref="FeatureColumn"/>); a scaling only chooses <c>Offset</c> and <c>Scale</c> from
/// the present values of the training split. This is the one place scalings are registered by name: the command line's
/// <c>--scale</c> values, <see cref="Training.TrainingSpec.Scaling"/> and the names in model files are these strings.
/// <list type="bullet">
/// <item><c>standard</c> (the default): Offset = mean, Scale = population standard deviation (scikit-learn's StandardScaler).</item>
/// <item><c>minmax</c>: Offset = min, Scale = max − min, so the training values map to [0, 1] (scikit-learn's MinMaxScaler).</item>
/// <item><c>none</c>: Offset = 0, Scale = 1, the raw values.</item>
/// </list>
/// A constant column gets Scale 1 under every scaling (as scikit-learn does for a zero range or variance), so its input
/// is always 0 (or the raw value under <c>none</c>).
/// </summary>
public sealed class FeatureScaling
{
    /// <summary>The name of standardization, the default.</summary>
    public const string StandardName = "standard";

    /// <summary>The name of min-max scaling to [0, 1].</summary>
    public const string MinMaxName = "minmax";

    /// <summary>The name of no scaling.</summary>
    public const string NoneName = "none";

    private readonly Func<ColumnStatistics, (double Offset, double Scale)> _fit;

    private FeatureScaling(string name, string offsetName, string scaleName, Func<ColumnStatistics, (double Offset, double Scale)> fit)
        => (Name, OffsetName, ScaleName, _fit) = (name, offsetName, scaleName, fit);

    /// <summary>(x − mean) / std; a constant column has std 1.</summary>
    public static FeatureScaling Standard { get; } = new(StandardName, "mean", "std", s => (s.Mean, s.Std > 0 ? s.Std : 1));

    /// <summary>
    /// (x − min) / (max − min); a constant column has range 1 and maps to 0. A range beyond the double range (values
    /// near ±1.8e308 of both signs) is capped at <see cref="double.MaxValue"/>, as the standard deviation is.
    /// </summary>
    public static FeatureScaling MinMax { get; } = new(MinMaxName, "min", "range", s => (s.Min, s.Max > s.Min ? Math.Min(s.Max - s.Min, double.MaxValue) : 1));

    /// <summary>The raw value: offset 0, scale 1.</summary>
    public static FeatureScaling None { get; } = new(NoneName, "offset", "scale", _ => (0, 1));

    /// <summary>Every scaling, the default first.</summary>
    public static IReadOnlyList<FeatureScaling> All { get; } = [Standard, MinMax, None];

    /// <summary>The registered names, in the order of <see cref="All"/>: standard, minmax, none.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    /// <summary>The name ("standard", "minmax" or "none").</summary>
    public string Name { get; }

    /// <summary>What the offset is to this scaling, in messages ("mean", "min", "offset").</summary>
    public string OffsetName { get; }

    /// <summary>What the scale is to this scaling, in messages ("std", "range", "scale").</summary>
    public string ScaleName { get; }

    /// <summary>Whether <paramref name="name"/> is registered (names are lowercase, compared exactly).</summary>
    public static bool IsKnown(string? name) => Find(name) is not null;

    /// <summary>The scaling named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">If the name is unknown; the message lists the valid names.</exception>
    public static FeatureScaling Get(string name)
        => Find(name) ?? throw new ArgumentException($"Unknown scaling '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The scaling named <paramref name="name"/>, or null when the name is unknown.</summary>
    public static FeatureScaling? Find(string? name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The offset and scale of a column with these training statistics; the scale is always finite and &gt; 0.</summary>
    internal (double Offset, double Scale) Fit(ColumnStatistics statistics) => _fit(statistics);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

