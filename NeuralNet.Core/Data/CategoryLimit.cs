using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Core.Data;

/// <summary>
/// The sane limit on a text column's distinct values. One-hot encoding gives every distinct value an input (or, for a
/// target, an output), so an identifier column with 200k values asks for a 200k-wide layer: refused up front instead.
/// </summary>
public static class CategoryLimit
{
    /// <summary>More distinct values than this are refused whatever the row count.</summary>
    public const int MaxDistinct = 1000;

    /// <summary>From this many rows on, a feature is also refused when more than a tenth of its values are distinct.</summary>
    public const int ManyRows = 1000;

    /// <summary>Whether a feature column with <paramref name="distinct"/> values over <paramref name="rows"/> rows is too wide.</summary>
    public static bool TooManyForFeature(int distinct, int rows) => distinct > MaxDistinct || (rows >= ManyRows && distinct > rows / 10);

    /// <summary>Refuses the first categorical feature fitted on <paramref name="rows"/> rows that is over the limit.</summary>
    /// <exception cref="DataException">If a column is over the limit.</exception>
    public static void Check(string source, IEnumerable<FeatureColumn> features, int rows)
    {
        foreach (var f in features)
            if (f.Kind == FeatureColumn.Categorical) CheckFeature(source, f.Name, f.Categories.Count, rows);
    }

    /// <summary>Refuses a text feature column with too many distinct values, with the hint to drop it.</summary>
    /// <exception cref="DataException">If the column is over the limit.</exception>
    public static void CheckFeature(string source, string column, int distinct, int rows)
    {
        if (TooManyForFeature(distinct, rows))
            throw new DataException(
                $"{source}: text column '{column}' has {distinct} distinct values in {rows} rows (an identifier?); a one-hot encoding takes at most {MaxDistinct} " +
                $"and at most a tenth of the rows from {ManyRows} rows on; leave it out with --drop '{column}'", source);
    }

    /// <summary>Refuses a classification target with more than <see cref="MaxDistinct"/> classes.</summary>
    /// <exception cref="DataException">If the target is over the limit.</exception>
    public static void CheckTarget(string source, string column, int classes)
    {
        if (classes > MaxDistinct)
            throw new DataException(
                $"{source}: target column '{column}' has {classes} distinct classes (more than {MaxDistinct}); is it the column you meant? A numeric target can use --task regression", source);
    }
}
