namespace NeuralNet.Core.Preprocessing;

/// <summary>How one input column becomes network inputs, fitted on the training split and stored in the model.</summary>
/// <param name="Name">Column name in the CSV header.</param>
/// <param name="Kind">"numeric" (standardized into one input) or "categorical" (one-hot, one input per category).</param>
/// <param name="Mean">Numeric: training mean (also the value a missing number is replaced with under --missing mean).</param>
/// <param name="Scale">Numeric: training standard deviation (population), or 1 for a constant column.</param>
/// <param name="Categories">Categorical: the vocabulary seen in training, sorted; an unseen value encodes as all zeros.</param>
public sealed record FeatureColumn(string Name, string Kind, double Mean, double Scale, IReadOnlyList<string> Categories)
{
    /// <summary>The numeric kind.</summary>
    public const string Numeric = "numeric";

    /// <summary>The one-hot kind.</summary>
    public const string Categorical = "categorical";

    /// <summary>Whether the column is numeric.</summary>
    public bool IsNumeric => Kind == Numeric;

    /// <summary>Number of network inputs this column produces.</summary>
    public int Width => IsNumeric ? 1 : Categories.Count;

    /// <summary>Names of the inputs this column produces ("x", or "color=red", "color=blue").</summary>
    public IEnumerable<string> InputNames => IsNumeric ? [Name] : Categories.Select(c => $"{Name}={c}");
}
