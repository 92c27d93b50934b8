namespace NeuralNet.Core.Data;

/// <summary>
/// Decides from a typed column whether a feature is numeric or categorical and whether a target is a classification,
/// with the rules of the string reader before it: a column is numeric when every present cell is a usable number,
/// categorical when at most half are numbers, and an error ("numbers with typos") in between.
/// </summary>
public static class TypeInference
{
    /// <summary>The classification task.</summary>
    public const string Classification = "classification";

    /// <summary>The regression task.</summary>
    public const string Regression = "regression";

    /// <summary>An integer target with at most this many distinct values is taken as class labels.</summary>
    public const int MaxIntegerClasses = 20;

    /// <summary>Whether column <paramref name="column"/> of <paramref name="table"/> is numeric.</summary>
    /// <exception cref="DataException">If the column has no values, or is mostly numbers with some text (naming the first bad value).</exception>
    public static bool IsNumeric(DataTable table, int column, CellParser parser)
    {
        var data = table.Data[column];
        var s = data.Stats;
        if (s.Present == 0)
            throw new DataException($"{table.Source}: column '{data.Name}' has no values; use --drop '{data.Name}'");
        if (data is NumericColumn) return true;
        if (s.Numbers * 2 > s.Present)
        {
            bool odd = s.FirstOddRow >= 0 && (s.FirstBadRow < 0 || s.FirstOddRow < s.FirstBadRow);
            int row = odd ? s.FirstOddRow : s.FirstBadRow;
            string text = (odd ? s.FirstOddText : s.FirstBadText)!;
            throw new DataException($"{table.Where(row)}: column '{data.Name}' value '{text}' {parser.WhyNotANumber(text)}");
        }
        return false;
    }

    /// <summary>
    /// The task of the target column: text labels, or integers with at most <see cref="MaxIntegerClasses"/> distinct
    /// values, are classification; other numbers are regression. <paramref name="task"/> overrides ("auto" infers).
    /// </summary>
    /// <exception cref="DataException">If a label is not finite, or regression is asked for a non-numeric target.</exception>
    public static string InferTask(DataTable table, int target, CellParser parser, string task)
    {
        if (task == Classification) return task;
        var data = table.Data[target];
        if (data is NumericColumn numbers)
        {
            if (task == Regression) return task;
            return numbers.Spellings is { } values && values.Count <= MaxIntegerClasses && values.Keys.All(v => v == Math.Round(v)) ? Classification : Regression;
        }
        var column = (CategoryColumn)data;
        // The first label (in row order) that is not finite is an error; else the first that is not a number decides.
        var nonFinite = column.Vocabulary.Select(l => parser.IsNonFinite(l)).ToArray();
        var number = column.Vocabulary.Select(l => parser.TryParse(l, out _)).ToArray();
        for (int r = 0; r < column.Count; r++)
        {
            int code = column[r];
            if (code < 0 || number[code]) continue;
            string label = column.Vocabulary[code];
            if (nonFinite[code])
                throw new DataException($"{table.Where(r)}: target column '{data.Name}' value '{label}' {parser.WhyNotANumber(label)}");
            if (task == Regression)
                throw new DataException($"{table.Where(r)}: target column '{data.Name}' value '{label}' is not a number, so it cannot be a regression target");
            return Classification;
        }
        return Regression; // unreachable in practice: a text column has a cell that is not a number
    }

    /// <summary>The class labels of the target: numeric order when all are numbers (first spelling of each value), ordinal text order otherwise.</summary>
    public static IReadOnlyList<string> Classes(DataTable table, int target, CellParser parser)
    {
        var data = table.Data[target];
        if (data is NumericColumn numbers)
        {
            if (numbers.Spellings is { } spellings) return spellings.OrderBy(p => p.Key).Select(p => p.Value).ToList();
            // More than MaxSpellings distinct values forced to be classes: their text is re-formatted (round-trip) from the values.
            var values = new SortedSet<double>();
            for (int r = 0; r < numbers.Count; r++) if (!numbers.IsMissing(r)) values.Add(numbers[r]);
            return values.Select(v => v.ToString("R", parser.Culture)).ToList();
        }
        var labels = ((CategoryColumn)data).Vocabulary.ToList();
        if (labels.All(l => parser.TryParse(l, out _)))
            return labels.GroupBy(l => { parser.TryParse(l, out double v); return v; }).OrderBy(g => g.Key).Select(g => g.First()).ToList();
        labels.Sort(StringComparer.Ordinal);
        return labels;
    }
}
