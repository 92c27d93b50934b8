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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call over every row: no time for tiering
    public static (int[] Train, int[] Validation) Split(IReadOnlyList<int> rows, IReadOnlyList<string>? strata, double validationShare, Rng rng)
    {
        if (validationShare <= 0) return (rows.ToArray(), []);
        var held = new bool[rows.Count];
        int validationCount = 0;
        foreach (var group in Strata(rows.Count, strata))
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

    /// <summary>
    /// Positions 0…count−1 grouped by class label (labels in ordinal order, positions ascending within a group), or one
    /// group without labels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<int[]> Strata(int count, IReadOnlyList<string>? strata)
    {
        if (strata is null) return [Enumerable.Range(0, count).ToArray()];
        // Labels are few and usually the same string objects row after row: a one-entry cache spares most lookups.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelOf = new int[count];
        var sizes = new List<int>();
        string? last = null;
        int lastLabel = -1;
        for (int i = 0; i < count; i++)
        {
            string s = strata[i];
            if (!ReferenceEquals(s, last))
            {
                if (!index.TryGetValue(s, out lastLabel))
                {
                    lastLabel = index.Count;
                    index[s] = lastLabel;
                    sizes.Add(0);
                }
                last = s;
            }
            labelOf[i] = lastLabel;
            sizes[lastLabel]++;
        }
        var groups = sizes.Select(n => new int[n]).ToArray();
        var filled = new int[groups.Length];
        for (int i = 0; i < count; i++) groups[labelOf[i]][filled[labelOf[i]]++] = i;
        return index.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => groups[p.Value]).ToList();
    }
}
