namespace NeuralNet.Core.Data;

/// <summary>
/// Which rows a run trains and validates on, drawn from a seed of their own instead of the run's: a stratified hold-out
/// split (<see cref="HoldOut"/>) or fold <see cref="Fold"/> of a stratified k-fold split (<see cref="KFold"/>). Runs that
/// differ only in their initialization seed then share the same rows, and an experiment can vary the rows on purpose.
/// </summary>
/// <param name="ValidationShare">Hold-out: the share of rows held out (0 for none). Ignored for a fold.</param>
/// <param name="Seed">Seed of the shuffle that assigns rows to the split or the folds.</param>
/// <param name="Fold">The fold held out for validation, 0 ≤ fold &lt; <paramref name="Folds"/>.</param>
/// <param name="Folds">Number of folds; 0 for a hold-out split.</param>
public sealed record DataSample(double ValidationShare, long Seed, int Fold = 0, int Folds = 0)
{
    /// <summary>A stratified hold-out split of <paramref name="share"/> drawn from <paramref name="seed"/>: the rows <c>train --seed seed</c> holds out.</summary>
    public static DataSample HoldOut(double share, long seed) => new(share, seed);

    /// <summary>Fold <paramref name="fold"/> of a stratified <paramref name="folds"/>-fold split drawn from <paramref name="seed"/>.</summary>
    public static DataSample KFold(int fold, int folds, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(fold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fold, folds);
        return new DataSample(0, seed, fold, folds);
    }

    /// <summary>Whether this is a fold of a k-fold split.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFold => Folds > 0;

    /// <summary>Splits <paramref name="rows"/> into training and validation rows (both sorted).</summary>
    /// <param name="rows">Row indices to split.</param>
    /// <param name="strata">A class label per row to stratify by, or null.</param>
    /// <exception cref="DataException">If there are fewer rows than folds.</exception>
    public (int[] Train, int[] Validation) Split(IReadOnlyList<int> rows, IReadOnlyList<string>? strata) => Split(rows, Strata.FromLabels(strata));

    /// <summary>Splits <paramref name="rows"/> into training and validation rows (both sorted), stratified by class codes.</summary>
    /// <param name="rows">Row indices to split.</param>
    /// <param name="strata">The class of each row, or null.</param>
    /// <exception cref="DataException">If there are fewer rows than folds.</exception>
    public (int[] Train, int[] Validation) Split(IReadOnlyList<int> rows, Strata? strata)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var rng = new Rng(Seed);
        if (!IsFold) return DataSplitter.Split(rows, strata, ValidationShare, rng);
        if (rows.Count < Folds) throw new DataException($"{Folds} folds need at least {Folds} rows; the data has {rows.Count}");
        // Each class is shuffled and dealt round-robin, the deal continuing across classes, so every fold gets each
        // class's share to within one row and the folds' sizes differ by at most one row.
        var train = new List<int>();
        var validation = new List<int>();
        int next = 0;
        foreach (var group in Strata.Groups(rows.Count, strata))
        {
            rng.Shuffle(group.AsSpan());
            foreach (int i in group)
            {
                (next % Folds == Fold ? validation : train).Add(rows[i]);
                next++;
            }
        }
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }
}
