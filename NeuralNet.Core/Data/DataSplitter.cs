using NeuralNet.Core;

namespace NeuralNet.Core.Data;

/// <summary>
/// The train/validation split, done the scikit-learn way (not Keras's "last fraction"): rows are shuffled with the
/// seeded generator and, for classification, each class contributes its share to the validation rows (stratified).
/// </summary>
public static class DataSplitter
{
    /// <summary>Splits <paramref name="rows"/> into training and validation rows.</summary>
    /// <param name="rows">Row indices to split.</param>
    /// <param name="strata">A class label per row (same order as <paramref name="rows"/>) to stratify by, or null.</param>
    /// <param name="validationShare">Share of rows for validation, in [0, 1).</param>
    /// <param name="rng">The seeded generator.</param>
    public static (int[] Train, int[] Validation) Split(IReadOnlyList<int> rows, IReadOnlyList<string>? strata, double validationShare, Rng rng)
    {
        if (validationShare <= 0) return (rows.ToArray(), []);
        var groups = Strata(rows.Count, strata);
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var group in groups)
        {
            rng.Shuffle(group.AsSpan());
            // Round to the nearest row but keep at least one training row of every class.
            int take = Math.Min((int)Math.Round(group.Length * validationShare, MidpointRounding.AwayFromZero), group.Length - 1);
            validation.AddRange(group.Take(take).Select(i => rows[i]));
            train.AddRange(group.Skip(take).Select(i => rows[i]));
        }
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }

    /// <summary>Positions 0…count−1 grouped by class label (labels in ordinal order), or one group without labels.</summary>
    internal static List<int[]> Strata(int count, IReadOnlyList<string>? strata)
        => strata is null
            ? [Enumerable.Range(0, count).ToArray()]
            : Enumerable.Range(0, count).GroupBy(i => strata[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToList();
}
