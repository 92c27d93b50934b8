using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Data;

namespace NeuralNet.Core.Data;

/// <summary>Decides from the data whether a column is numeric or categorical, and whether the target is a classification.</summary>
public static class ColumnInference
{
    /// <summary>An integer target with at most this many distinct values is taken as class labels.</summary>
    public const int MaxIntegerClasses = 20;

    /// <summary>
    /// Whether column <paramref name="column"/> is numeric on <paramref name="rows"/>: true when every present value parses;
    /// false (categorical) when at most half do. In between, the column is numbers with typos: an error naming the first bad value.
    /// </summary>
    /// <exception cref="DataException">If the column has no values, or is mostly numbers with some text.</exception>
    public static bool IsNumeric(CsvTable table, int column, IReadOnlyList<int> rows, ValueParser parser)
    {
        int present = 0, numbers = 0, firstBad = -1, firstOdd = -1;
        foreach (int r in rows)
        {
            string text = table.Rows[r][column];
            if (ValueParser.IsMissing(text)) continue;
            present++;
            if (parser.TryParse(text, out _)) numbers++;
            else if (parser.IsNonFinite(text) || parser.IsCommaNumber(text))
            {
                numbers++; // a number, but one that cannot be used as it is: reported below
                if (firstOdd < 0) firstOdd = r;
            }
            else if (firstBad < 0) firstBad = r;
        }
        if (present == 0)
            throw new DataException($"{table.Source}: column '{table.Columns[column]}' has no values; use --drop '{table.Columns[column]}'");
        if (numbers == present && firstOdd < 0) return true;
        if (numbers * 2 > present)
        {
            int row = firstOdd >= 0 && (firstBad < 0 || firstOdd < firstBad) ? firstOdd : firstBad;
            string text = table.Rows[row][column].Trim();
            throw new DataException($"{table.Where(row)}: column '{table.Columns[column]}' value '{text}' {parser.WhyNotANumber(text)}");
        }
        return false;
    }

    /// <summary>
    /// Infers the task of the target column: text labels, or integers with at most <see cref="MaxIntegerClasses"/>
    /// distinct values, are classification; other numbers are regression. <paramref name="task"/> overrides ("auto" infers).
    /// </summary>
    /// <exception cref="DataException">If regression is asked for a non-numeric target.</exception>
    public static string InferTask(CsvTable table, int target, IReadOnlyList<int> rows, ValueParser parser, string task)
    {
        if (task == TargetEncoding.Classification) return task;
        bool allIntegers = true;
        var distinct = new HashSet<double>();
        foreach (int r in rows)
        {
            string text = table.Rows[r][target];
            if (ValueParser.IsMissing(text)) continue;
            if (parser.IsNonFinite(text))
                throw new DataException($"{table.Where(r)}: target column '{table.Columns[target]}' value '{text.Trim()}' {parser.WhyNotANumber(text)}");
            if (!parser.TryParse(text, out double v))
            {
                if (task == TargetEncoding.Regression)
                    throw new DataException($"{table.Where(r)}: target column '{table.Columns[target]}' value '{text.Trim()}' is not a number, so it cannot be a regression target");
                return TargetEncoding.Classification;
            }
            allIntegers &= v == Math.Round(v);
            distinct.Add(v);
        }
        if (task == TargetEncoding.Regression) return task;
        return allIntegers && distinct.Count <= MaxIntegerClasses ? TargetEncoding.Classification : TargetEncoding.Regression;
    }

    /// <summary>The class labels of the target on <paramref name="rows"/>: numeric order when all are numbers, ordinal text order otherwise.</summary>
    public static IReadOnlyList<string> Classes(CsvTable table, int target, IReadOnlyList<int> rows, ValueParser parser)
    {
        var labels = rows.Select(r => table.Rows[r][target].Trim()).Where(t => !ValueParser.IsMissing(t)).Distinct().ToList();
        bool numeric = labels.All(l => parser.TryParse(l, out _));
        if (numeric)
            return labels.GroupBy(l => { parser.TryParse(l, out double v); return v; }).OrderBy(g => g.Key).Select(g => g.First()).ToList();
        labels.Sort(StringComparer.Ordinal);
        return labels;
    }
}
