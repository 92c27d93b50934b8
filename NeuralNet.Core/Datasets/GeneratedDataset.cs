namespace NeuralNet.Core.Datasets;

/// <summary>
/// A synthetic dataset: named feature columns and a target that is either a text class label or a number per row.
/// </summary>
/// <param name="Name">Generator name ("xor", "moons", ...).</param>
/// <param name="FeatureNames">Feature column names.</param>
/// <param name="Features">One array of feature values per row.</param>
/// <param name="TargetName">Target column name.</param>
/// <param name="Labels">Class label per row (classification), or null.</param>
/// <param name="Values">Target value per row (regression), or null.</param>
public sealed record GeneratedDataset(
    string Name, IReadOnlyList<string> FeatureNames, IReadOnlyList<double[]> Features,
    string TargetName, IReadOnlyList<string>? Labels, IReadOnlyList<double>? Values)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Features.Count;

    /// <summary>Whether the target is a class label.</summary>
    public bool IsClassification => Labels is not null;
}
