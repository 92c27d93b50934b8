using System.Runtime.CompilerServices;

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
        => Split(rows, Strata.FromLabels(strata), validationShare, rng);

    /// <summary>Splits <paramref name="rows"/> into training and validation rows, stratified by class codes.</summary>
    /// <param name="rows">Row indices to split.</param>
    /// <param name="strata">The class of each row (same order as <paramref name="rows"/>), or null.</param>
    /// <param name="validationShare">Share of rows for validation, in [0, 1).</param>
    /// <param name="rng">The seeded generator.</param>
    public static (int[] Train, int[] Validation) Split(IReadOnlyList<int> rows, Strata? strata, double validationShare, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (validationShare <= 0) return (rows.ToArray(), []);
        var held = new bool[rows.Count];
        int validationCount = 0;
        foreach (var group in Strata.Groups(rows.Count, strata))
        {
            rng.Shuffle(group.AsSpan());
            // Round to the nearest row but keep at least one training row of every class.
            int take = Math.Min((int)Math.Round(group.Length * validationShare, MidpointRounding.AwayFromZero), group.Length - 1);
            for (int k = 0; k < take; k++) held[group[k]] = true;
            validationCount += take;
        }
        return Partition(rows, held, validationCount);
    }

    /// <summary>
    /// The rows not held and the rows held, each sorted: taken in position order, which is already sorted when
    /// <paramref name="rows"/> is (the usual case), and sorted afterwards otherwise.
    /// </summary>
    internal static (int[] Others, int[] Held) Partition(IReadOnlyList<int> rows, bool[] held, int heldCount)
    {
        var rest = new int[rows.Count - heldCount];
        var taken = new int[heldCount];
        int a = 0, b = 0;
        if (rows is RowRange)
        {
            // Every row in order (no row's target missing): no call per row, and the output is sorted as it is made.
            for (int p = 0; p < held.Length; p++)
            {
                if (held[p]) taken[b++] = p;
                else rest[a++] = p;
            }
            return (rest, taken);
        }
        bool sorted = true;
        for (int p = 0; p < held.Length; p++)
        {
            int row = rows[p];
            if (p > 0 && row < rows[p - 1]) sorted = false;
            if (held[p]) taken[b++] = row;
            else rest[a++] = row;
        }
        if (!sorted)
        {
            Array.Sort(rest);
            Array.Sort(taken);
        }
        return (rest, taken);
    }
}
