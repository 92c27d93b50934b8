using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Data;

namespace NeuralNet.Core.Preprocessing;

/// <summary>
/// Applies fitted <see cref="FeatureColumn"/>s and a <see cref="TargetEncoding"/> to the typed columns of a
/// <see cref="DataTable"/>: standardizes numbers, one-hot encodes categories, encodes the target (one-hot, 0/1 or
/// standardized value) and applies the missing-value policy. Numbers come parsed from the reader; only a numeric
/// feature that the file holds as text is parsed here (to name the value that is not a number).
/// </summary>
public sealed class DataEncoder
{
    private readonly IReadOnlyList<FeatureColumn> _features;
    private readonly TargetEncoding _target;
    private readonly CellParser _parser;
    private readonly MissingPolicy _missing;

    /// <summary>Creates an encoder.</summary>
    public DataEncoder(IReadOnlyList<FeatureColumn> features, TargetEncoding target, ValueParser parser, MissingPolicy missing)
        => (_features, _target, _parser, _missing) = (features, target, new CellParser(parser.Culture), missing);

    /// <summary>Encoded inputs per row.</summary>
    public int Width => _features.Sum(f => f.Width);

    /// <summary>The names of the categorical features, which a file for this encoder is best read with as text (exact categories).</summary>
    public IReadOnlySet<string> TextColumns => _features.Where(f => !f.IsNumeric).Select(f => f.Name).ToHashSet();

    /// <summary>Encodes <paramref name="rows"/> of <paramref name="table"/> (all rows when null).</summary>
    /// <param name="table">The data.</param>
    /// <param name="targetRequired">Whether the target column must be present (evaluate) or may be absent (predict).</param>
    /// <param name="rows">Row indices to encode, in order; null for every row.</param>
    /// <exception cref="DataException">On a missing column, a missing value (policy error), a non-number or an unknown class.</exception>
    public EncodedData Encode(DataTable table, bool targetRequired, IReadOnlyList<int>? rows = null)
    {
        var columnIndex = _features.Select(f => table.IndexOfExact(f.Name)).ToArray(); // a model's names bind exactly: 'X' and 'x' are two columns
        var absent = _features.Where((f, i) => columnIndex[i] < 0).Select(f => $"'{f.Name}'").ToList();
        if (absent.Count > 0)
            throw new DataException($"{table.Source}: missing feature column(s) {string.Join(", ", absent)}; the file has {table.ColumnList}");
        int targetIndex = table.IndexOfExact(_target.Name);
        if (targetIndex < 0 && targetRequired)
            throw new DataException($"{table.Source}: target column '{_target.Name}' not found; the file has {table.ColumnList}");

        rows ??= Enumerable.Range(0, table.RowCount).ToArray();
        var columns = columnIndex.Select(c => table.Data[c]).ToArray();
        var targetColumn = targetIndex < 0 ? null : table.Data[targetIndex];
        var kept = new List<int>(rows.Count);
        foreach (int r in rows)
            if (KeepRow(table, r, columns, targetColumn)) kept.Add(r);
        if (kept.Count == 0)
            throw new DataException($"{table.Source}: no rows left after dropping the {rows.Count} rows with missing values");

        var unseen = new Dictionary<string, (int Count, string Example, int Row)>();
        var x = Matrix<double>.Build.Dense(kept.Count, Width);
        Matrix<double>? y = targetColumn is null ? null : Matrix<double>.Build.Dense(kept.Count, _target.Outputs);
        var vocabulary = _features.Select(f => f.IsNumeric ? null : f.Categories.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k, StringComparer.Ordinal)).ToArray();
        var codeMaps = columns.Select((c, i) => c is CategoryColumn t && vocabulary[i] is { } v ? t.Vocabulary.Select(s => v.GetValueOrDefault(s, -1)).ToArray() : null).ToArray();
        var classes = targetColumn is null ? null : new ClassLookup(_target, _parser);
        for (int i = 0; i < kept.Count; i++)
        {
            int r = kept[i];
            int offset = 0;
            for (int c = 0; c < _features.Count; c++)
            {
                var feature = _features[c];
                if (feature.IsNumeric) EncodeNumber(table, r, feature, columns[c], x, i, offset);
                else if (!columns[c].IsMissing(r))
                {
                    int k = codeMaps[c] is { } map ? map[((CategoryColumn)columns[c])[r]] : vocabulary[c]!.GetValueOrDefault(Text(columns[c], r), -1);
                    if (k >= 0) x[i, offset + k] = 1;
                    else unseen[feature.Name] = unseen.TryGetValue(feature.Name, out var u) ? (u.Count + 1, u.Example, u.Row) : (1, Text(columns[c], r), r);
                }
                offset += feature.Width; // a missing or unseen category stays all zeros, like sklearn's handle_unknown='ignore'
            }
            if (y is not null) EncodeTarget(table, r, targetColumn!, classes!, y, i);
        }
        var warnings = unseen.Select(u =>
            $"column '{u.Key}' has {u.Value.Count} value(s) the model never saw in training (first '{u.Value.Example}' at {table.Where(u.Value.Row)}); they encode as no category").ToList();
        return new EncodedData(x, y, kept, rows.Count - kept.Count, warnings);
    }

    private bool KeepRow(DataTable table, int row, DataColumn[] columns, DataColumn? target)
    {
        if (target is not null && target.IsMissing(row))
        {
            if (_missing == MissingPolicy.Error)
                throw new DataException($"{table.Where(row)}: target column '{_target.Name}' has a missing value; use --missing drop to leave such rows out");
            return false;
        }
        for (int c = 0; c < columns.Length; c++)
        {
            if (!columns[c].IsMissing(row)) continue;
            if (_missing == MissingPolicy.Error)
                throw new DataException($"{table.Where(row)}: column '{_features[c].Name}' has a missing value; use --missing drop or --missing mean");
            if (_missing == MissingPolicy.Drop) return false;
        }
        return true;
    }

    private void EncodeNumber(DataTable table, int row, FeatureColumn column, DataColumn data, Matrix<double> x, int i, int offset)
    {
        double value = column.Mean; // --missing mean: the training mean, which standardizes to 0
        if (!data.IsMissing(row)) value = Number(table, row, column.Name, data, "column");
        double z = (value - column.Mean) / column.Scale;
        x[i, offset] = double.IsFinite(z) ? z : value / column.Scale - column.Mean / column.Scale; // near ±1.8e308 the difference overflows
        if (!double.IsFinite(x[i, offset]))
            throw new DataException($"{table.Where(row)}: column '{column.Name}' value '{Text(data, row)}' is too far from the training values (mean {column.Mean:G4}, std {column.Scale:G4}) to standardize");
    }

    /// <summary>The number of a present cell; a text column's cell is parsed, and refused when it is not a number.</summary>
    private double Number(DataTable table, int row, string name, DataColumn data, string what)
    {
        if (data is NumericColumn numbers) return numbers[row];
        string text = Text(data, row);
        if (!_parser.TryParse(text, out double value))
            throw new DataException($"{table.Where(row)}: {what} '{name}' value '{text}' {_parser.WhyNotANumber(text)}");
        return value;
    }

    private void EncodeTarget(DataTable table, int row, DataColumn data, ClassLookup classes, Matrix<double> y, int i)
    {
        if (!_target.IsClassification)
        {
            double value = Number(table, row, _target.Name, data, "target column");
            double z = (value - _target.Mean) / _target.Scale;
            y[i, 0] = double.IsFinite(z) ? z : value / _target.Scale - _target.Mean / _target.Scale;
            return;
        }
        int k = data is NumericColumn n ? classes.IndexOf(n[row]) : classes.IndexOf(Text(data, row));
        if (k < 0)
            throw new DataException(
                $"{table.Where(row)}: target column '{_target.Name}' value '{Text(data, row)}' is not one of the model's classes ({string.Join(", ", _target.Classes)})");
        if (_target.Outputs == 1) y[i, 0] = k;
        else y[i, k] = 1;
    }

    /// <summary>The trimmed text of a present cell: as written for text, the kept spelling (or the shortest round-trip form) for a number.</summary>
    internal static string Text(DataColumn data, int row) => data switch
    {
        CategoryColumn t => t.Text(row) ?? "",
        NumericColumn n when n.Spellings is { } s && s.TryGetValue(n[row], out var text) => text,
        NumericColumn n => n[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>The index of a label among the target's classes (numerically equal labels match, so "1.0" finds "1").</summary>
    private sealed class ClassLookup(TargetEncoding target, CellParser parser)
    {
        private readonly double[] _values = target.Classes.Select(c => parser.TryParse(c, out double v) ? v : double.NaN).ToArray();

        public int IndexOf(string label)
        {
            for (int c = 0; c < target.Classes.Count; c++)
                if (target.Classes[c] == label) return c;
            return parser.TryParse(label, out double value) ? IndexOf(value) : -1;
        }

        public int IndexOf(double value) => Array.IndexOf(_values, value);
    }
}
