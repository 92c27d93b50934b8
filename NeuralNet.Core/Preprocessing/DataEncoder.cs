using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Data;

namespace NeuralNet.Core.Preprocessing;

/// <summary>
/// Applies fitted <see cref="FeatureColumn"/>s and a <see cref="TargetEncoding"/> to CSV rows: standardizes numbers,
/// one-hot encodes categories, encodes the target (one-hot, 0/1 or standardized value) and applies the missing-value policy.
/// </summary>
public sealed class DataEncoder
{
    private readonly IReadOnlyList<FeatureColumn> _features;
    private readonly TargetEncoding _target;
    private readonly ValueParser _parser;
    private readonly MissingPolicy _missing;

    /// <summary>Creates an encoder.</summary>
    public DataEncoder(IReadOnlyList<FeatureColumn> features, TargetEncoding target, ValueParser parser, MissingPolicy missing)
        => (_features, _target, _parser, _missing) = (features, target, parser, missing);

    /// <summary>Encoded inputs per row.</summary>
    public int Width => _features.Sum(f => f.Width);

    /// <summary>Encodes <paramref name="rows"/> of <paramref name="table"/> (all rows when null).</summary>
    /// <param name="table">The data.</param>
    /// <param name="targetRequired">Whether the target column must be present (evaluate) or may be absent (predict).</param>
    /// <param name="rows">Row indices to encode, in order; null for every row.</param>
    /// <exception cref="DataException">On a missing column, a missing value (policy error), a non-number or an unknown class.</exception>
    public EncodedData Encode(CsvTable table, bool targetRequired, IReadOnlyList<int>? rows = null)
    {
        var columnIndex = _features.Select(f => table.IndexOf(f.Name)).ToArray();
        var absent = _features.Where((f, i) => columnIndex[i] < 0).Select(f => $"'{f.Name}'").ToList();
        if (absent.Count > 0)
            throw new DataException($"{table.Source}: missing feature column(s) {string.Join(", ", absent)}; the file has {table.ColumnList}");
        int targetIndex = table.IndexOf(_target.Name);
        if (targetIndex < 0 && targetRequired)
            throw new DataException($"{table.Source}: target column '{_target.Name}' not found; the file has {table.ColumnList}");

        rows ??= Enumerable.Range(0, table.RowCount).ToArray();
        var kept = new List<int>(rows.Count);
        foreach (int r in rows)
            if (KeepRow(table, r, columnIndex, targetIndex)) kept.Add(r);
        if (kept.Count == 0)
            throw new DataException($"{table.Source}: no rows left after dropping the {rows.Count} rows with missing values");

        var unseen = new Dictionary<string, (int Count, string Example, int Row)>();
        var x = Matrix<double>.Build.Dense(kept.Count, Width);
        Matrix<double>? y = targetIndex < 0 ? null : Matrix<double>.Build.Dense(kept.Count, _target.Outputs);
        for (int i = 0; i < kept.Count; i++)
        {
            int r = kept[i];
            int offset = 0;
            for (int c = 0; c < _features.Count; c++)
            {
                if (!EncodeFeature(table, r, _features[c], table.Rows[r][columnIndex[c]], x, i, offset))
                    unseen[_features[c].Name] = unseen.TryGetValue(_features[c].Name, out var u)
                        ? (u.Count + 1, u.Example, u.Row)
                        : (1, table.Rows[r][columnIndex[c]].Trim(), r);
                offset += _features[c].Width;
            }
            if (y is not null) EncodeTarget(table, r, table.Rows[r][targetIndex], y, i);
        }
        var warnings = unseen.Select(u =>
            $"column '{u.Key}' has {u.Value.Count} value(s) the model never saw in training (first '{u.Value.Example}' at {table.Where(u.Value.Row)}); they encode as no category").ToList();
        return new EncodedData(x, y, kept, rows.Count - kept.Count, warnings);
    }

    private bool KeepRow(CsvTable table, int row, int[] columnIndex, int targetIndex)
    {
        var fields = table.Rows[row];
        if (targetIndex >= 0 && ValueParser.IsMissing(fields[targetIndex]))
        {
            if (_missing == MissingPolicy.Error)
                throw new DataException($"{table.Where(row)}: target column '{_target.Name}' has a missing value; use --missing drop to leave such rows out");
            return false;
        }
        for (int c = 0; c < columnIndex.Length; c++)
        {
            if (!ValueParser.IsMissing(fields[columnIndex[c]])) continue;
            if (_missing == MissingPolicy.Error)
                throw new DataException($"{table.Where(row)}: column '{_features[c].Name}' has a missing value; use --missing drop or --missing mean");
            if (_missing == MissingPolicy.Drop) return false;
        }
        return true;
    }

    /// <summary>Writes one column's inputs; false when a category is not in the vocabulary (it then encodes as all zeros).</summary>
    private bool EncodeFeature(CsvTable table, int row, FeatureColumn column, string text, Matrix<double> x, int i, int offset)
    {
        bool missing = ValueParser.IsMissing(text);
        if (column.IsNumeric)
        {
            double value = column.Mean; // --missing mean: the training mean, which standardizes to 0
            if (!missing && !_parser.TryParse(text, out value))
                throw new DataException($"{table.Where(row)}: column '{column.Name}' value '{text.Trim()}' {_parser.WhyNotANumber(text)}");
            double z = (value - column.Mean) / column.Scale;
            x[i, offset] = double.IsFinite(z) ? z : value / column.Scale - column.Mean / column.Scale; // near ±1.8e308 the difference overflows
            if (!double.IsFinite(x[i, offset]))
                throw new DataException($"{table.Where(row)}: column '{column.Name}' value '{text.Trim()}' is too far from the training values (mean {column.Mean:G4}, std {column.Scale:G4}) to standardize");
            return true;
        }
        if (missing) return true; // no category: all zeros
        int category = IndexOf(column.Categories, text.Trim());
        if (category < 0) return false; // an unseen category stays all zeros, like sklearn's handle_unknown='ignore'
        x[i, offset + category] = 1;
        return true;
    }

    private void EncodeTarget(CsvTable table, int row, string text, Matrix<double> y, int i)
    {
        string label = text.Trim();
        if (!_target.IsClassification)
        {
            if (!_parser.TryParse(label, out double value))
                throw new DataException($"{table.Where(row)}: target column '{_target.Name}' value '{label}' {_parser.WhyNotANumber(label)}");
            double z = (value - _target.Mean) / _target.Scale;
            y[i, 0] = double.IsFinite(z) ? z : value / _target.Scale - _target.Mean / _target.Scale;
            return;
        }
        int k = ClassIndex(label);
        if (k < 0)
            throw new DataException(
                $"{table.Where(row)}: target column '{_target.Name}' value '{label}' is not one of the model's classes ({string.Join(", ", _target.Classes)})");
        if (_target.Outputs == 1) y[i, 0] = k;
        else y[i, k] = 1;
    }

    /// <summary>The index of <paramref name="label"/> among the classes (numerically equal labels match, so "1.0" finds "1"), or -1.</summary>
    public int ClassIndex(string label)
    {
        int k = IndexOf(_target.Classes, label);
        if (k >= 0 || !_parser.TryParse(label, out double value)) return k;
        for (int c = 0; c < _target.Classes.Count; c++)
            if (_parser.TryParse(_target.Classes[c], out double cv) && cv == value) return c;
        return -1;
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (int i = 0; i < values.Count; i++)
            if (values[i] == value) return i;
        return -1;
    }
}
