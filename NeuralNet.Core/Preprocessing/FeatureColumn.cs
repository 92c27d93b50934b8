using System.Globalization;

namespace NeuralNet.Core.Preprocessing;

/// <summary>How one input column becomes network inputs, fitted on the training split and stored in the model.</summary>
/// <param name="Name">Column name in the CSV header.</param>
/// <param name="Kind">"numeric" (scaled into one input) or "categorical" (one-hot, one input per category).</param>
/// <param name="Offset">Numeric: the value subtracted before dividing by <paramref name="Scale"/>; the input is
/// <c>(x − Offset) / Scale</c>. <see cref="Scaling"/> chose it: the training mean (standard), min (minmax) or 0 (none).</param>
/// <param name="Scale">Numeric: the divisor, finite and &gt; 0: the training standard deviation (standard), max − min
/// (minmax) or 1 (none); 1 for a constant column.</param>
/// <param name="Categories">Categorical: the vocabulary seen in training, sorted; an unseen value encodes as all zeros.</param>
public sealed record FeatureColumn(string Name, string Kind, double Offset, double Scale, IReadOnlyList<string> Categories)
{
    /// <summary>The numeric kind.</summary>
    public const string Numeric = "numeric";

    /// <summary>The one-hot kind.</summary>
    public const string Categorical = "categorical";

    /// <summary>Numeric: the name of the <see cref="FeatureScaling"/> that chose <see cref="Offset"/> and <see cref="Scale"/>; default "standard".</summary>
    public string Scaling { get; init; } = FeatureScaling.StandardName;

    /// <summary>
    /// Numeric: the training mean, the value a missing number is replaced with under --missing mean (before scaling,
    /// whatever the scaling). Defaults to <see cref="Offset"/>, which is the training mean under standard scaling.
    /// </summary>
    public double Fill { get; init; } = Offset;

    /// <summary>Whether the column is numeric.</summary>
    public bool IsNumeric => Kind == Numeric;

    /// <summary>Number of network inputs this column produces.</summary>
    public int Width => IsNumeric ? 1 : Categories.Count;

    /// <summary>Names of the inputs this column produces ("x", or "color=red", "color=blue").</summary>
    public IEnumerable<string> InputNames => IsNumeric ? [Name] : Categories.Select(c => $"{Name}={c}");

    /// <summary>
    /// Numeric: how the column is scaled, in its scaling's words, for messages: "standard scaling: mean 5.843, std 0.8253",
    /// "minmax scaling: min 4.3, range 3.6", "none scaling: offset 0, scale 1".
    /// </summary>
    public string DescribeScaling()
    {
        var scaling = FeatureScaling.Find(Scaling);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Scaling} scaling: {scaling?.OffsetName ?? "offset"} {Offset:G4}, {scaling?.ScaleName ?? "scale"} {Scale:G4}");
    }

    /// <summary>
    /// The network input of the number <paramref name="value"/> (a numeric column): <c>(value − Offset) / Scale</c>, the one
    /// formula of every scaling. Near ±1.8e308 the difference overflows, so then it is computed as
    /// <c>value / Scale − Offset / Scale</c>; the result is infinite only when the input cannot be represented.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // in the encoder's loop over every cell
    public double Encode(double value)
    {
        double z = (value - Offset) / Scale;
        return double.IsFinite(z) ? z : value / Scale - Offset / Scale;
    }
}
