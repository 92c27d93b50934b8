using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Data;

using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Preprocessing;

/// <summary>
/// Applies fitted <see cref="FeatureColumn"/>s and a <see cref="TargetEncoding"/> to the typed columns of a
/// <see cref="DataTable"/>: scales numbers, one-hot encodes categories, encodes the target (one-hot, 0/1 or
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
    /// <param name="single">Store float32 (what a float network trains on) rather than float64; each value is computed
    /// in float64 and rounded once, so both give the same float32 values.</param>
    /// <exception cref="DataException">On a missing column, a missing value (policy error), a non-number or an unknown class;
    /// with several problems, the one a row-by-row reading meets first.</exception>
    public EncodedData Encode(DataTable table, bool targetRequired, IReadOnlyList<int>? rows = null, bool single = false)
    {
        var data = single ? Encode<float>(table, targetRequired, rows) : Encode<double>(table, targetRequired, rows);
        return data.Rows > 0 ? data
            : throw new DataException($"{table.Source}: no rows left after dropping the {data.DroppedRows} rows with missing values");
    }

    /// <summary>
    /// Like <see cref="Encode"/> for one chunk of a file read in chunks: a chunk whose rows are all left out gives
    /// null (the caller refuses the file only when no chunk kept a row); <paramref name="dropped"/> counts its rows left out.
    /// </summary>
    internal EncodedData? EncodeChunk(DataTable chunk, bool targetRequired, bool single, out int dropped)
    {
        var data = single ? Encode<float>(chunk, targetRequired, null) : Encode<double>(chunk, targetRequired, null);
        dropped = data.DroppedRows;
        return data.Rows > 0 ? data : null;
    }

    private EncodedData Encode<T>(DataTable table, bool targetRequired, IReadOnlyList<int>? rows) where T : struct, IFloatingPointIeee754<T>
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
        int[] kept = KeptRows(table, rows, columns, targetColumn);
        if (kept.Length == 0) return EncodedData.Empty(rows.Count);

        // Column by column into column-major storage; the first problem in row-major order (row, then column, then
        // the target) is the one reported, as when rows were encoded one by one.
        int n = kept.Length;
        // The inputs are left uninitialized: each column's thread writes (or, one-hot, clears) its own part, so the
        // first touch of this fresh memory, which costs more than the encoding, is spread over the cores.
        T[] xs = LargeArrays.Uninitialized<T>(n * Width);
        var x = Matrix<T>.Build.Dense(n, Width, xs);
        var y = targetColumn is null ? null : Matrix<T>.Build.Dense(n, _target.Outputs);
        var problem = new FirstProblem(n);
        var unseen = new List<(int Row, int Column, UnseenCategories Unseen)>();
        var offsets = new int[_features.Count];
        for (int c = 1; c < offsets.Length; c++) offsets[c] = offsets[c - 1] + _features[c - 1].Width;
        // Each column (and the target, the last item) is written by one thread, on all cores: the values do not
        // depend on the thread count, and the problem reported is the first in row-major order whichever thread found it.
        Parallel.For(0, _features.Count + 1, c =>
        {
            if (c == _features.Count)
            {
                if (y is not null) EncodeTargets(table, kept, targetColumn!, y.AsColumnMajorArray(), _features.Count, problem);
                return;
            }
            var feature = _features[c];
            if (feature.IsNumeric) EncodeNumbers(table, kept, feature, columns[c], xs.AsSpan(offsets[c] * n, n), c, problem);
            else
            {
                xs.AsSpan(offsets[c] * n, feature.Width * n).Clear();
                EncodeCategories(table, kept, feature, columns[c], xs.AsSpan(offsets[c] * n, feature.Width * n), c, unseen);
            }
            // a missing or unseen category stays all zeros, like sklearn's handle_unknown='ignore'
        });
        problem.ThrowIfAny();
        var found = unseen.OrderBy(u => u.Row).ThenBy(u => u.Column).Select(u => u.Unseen).ToList();
        return new EncodedData(x, y, kept, rows.Count - kept.Length, found);
    }

    /// <summary>
    /// The rows kept under the missing-value policy, found a column at a time. Under <see cref="MissingPolicy.Error"/>
    /// the first missing cell in row order (the target before the features) is refused.
    /// </summary>
    private int[] KeptRows(DataTable table, IReadOnlyList<int> rows, DataColumn[] columns, DataColumn? target)
    {
        int n = rows.Count;
        var drop = new bool[n];
        int errorAt = n, errorColumn = int.MaxValue; // column -1 is the target
        void Scan(DataColumn column, int order, bool dropRows)
        {
            if (!column.HasMissing) return;
            for (int p = 0; p < n && p <= errorAt; p++)
            {
                if (!IsMissing(column, rows[p])) continue;
                if (_missing == MissingPolicy.Error)
                {
                    if (p < errorAt || order < errorColumn) (errorAt, errorColumn) = (p, order);
                    return;
                }
                if (dropRows) drop[p] = true;
            }
        }
        if (target is not null) Scan(target, -1, dropRows: true);
        for (int c = 0; c < columns.Length; c++) Scan(columns[c], c, dropRows: _missing == MissingPolicy.Drop);
        if (errorAt < n)
        {
            string where = table.Where(rows[errorAt]);
            throw errorColumn < 0
                ? new DataException($"{where}: target column '{_target.Name}' has a missing value; use --missing drop to leave such rows out")
                : new DataException($"{where}: column '{_features[errorColumn].Name}' has a missing value; use --missing drop or --missing mean");
        }
        if (Array.IndexOf(drop, true) < 0) return rows as int[] ?? rows.ToArray();
        var kept = new List<int>(n);
        for (int p = 0; p < n; p++) if (!drop[p]) kept.Add(rows[p]);
        return kept.ToArray();
    }

    private static bool IsMissing(DataColumn column, int row) => column is NumericColumn { IsDouble: false } numbers
        ? float.IsNaN(numbers.Singles[row])
        : column.IsMissing(row);

    /// <summary>Scales a numeric feature into its column of the output (<see cref="FeatureColumn.Encode"/>); a missing value (--missing mean) is the training mean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call per column over every row: no time for tiering
    private void EncodeNumbers<T>(DataTable table, int[] kept, FeatureColumn feature, DataColumn data, Span<T> destination, int order, FirstProblem problem)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (data is NumericColumn { IsDouble: false } singles && EncodeSingles(singles.Singles, kept, feature, destination)) return;
        var numbers = data as NumericColumn;
        for (int i = 0; i < kept.Length && i <= problem.Row; i++)
        {
            int r = kept[i];
            double value = numbers is not null ? numbers[r] : double.NaN;
            if (numbers is null && !data.IsMissing(r))
            {
                try { value = Number(table, r, feature.Name, data, "column"); }
                catch (DataException e) { problem.Offer(i, order, e); return; }
            }
            if (double.IsNaN(value)) value = feature.Fill; // --missing mean: the training mean (0 after standard scaling)
            double z = feature.Encode(value);
            if (!double.IsFinite(z))
            {
                problem.Offer(i, order, new DataException(
                    $"{table.Where(r)}: column '{feature.Name}' value '{Text(data, r)}' is too far from the training values ({feature.DescribeScaling()}) to scale"));
                return;
            }
            destination[i] = T.CreateTruncating(z);
        }
    }

    /// <summary>
    /// The usual numeric column, float32 values scaled straight from their array; false (having written part of
    /// <paramref name="destination"/>) at a value too far out to scale, which the general loop then reports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool EncodeSingles<T>(ReadOnlySpan<float> values, int[] kept, FeatureColumn feature, Span<T> destination)
        where T : struct, IFloatingPointIeee754<T>
    {
        int i = typeof(T) == typeof(float) ? EncodeSinglesEightAtATime(values, kept, feature, MemoryMarshal.Cast<T, float>(destination)) : 0;
        double fill = feature.Fill;
        for (; i < kept.Length; i++)
        {
            double value = values[kept[i]];
            if (double.IsNaN(value)) value = fill;
            double z = feature.Encode(value);
            if (!double.IsFinite(z)) return false;
            destination[i] = T.CreateTruncating(z);
        }
        return true;
    }

    /// <summary>
    /// The float32 case eight rows at a time: the same float64 arithmetic per value as <see cref="FeatureColumn.Encode"/>
    /// (IEEE division in every lane, one rounding to float32), so the same bits. The scalar loop kept each division
    /// waiting for the one before (its float64 conversion merged into the register the previous result left), about
    /// 7 ns a value. Stops before the first eight holding a value that does not scale to a finite number; returns the rows done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int EncodeSinglesEightAtATime(ReadOnlySpan<float> values, int[] kept, FeatureColumn feature, Span<float> destination)
    {
        if (!Vector256.IsHardwareAccelerated) return 0;
        var offset = Vector256.Create(feature.Offset);
        var scale = Vector256.Create(feature.Scale);
        var fill = Vector256.Create(feature.Fill);
        int i = 0;
        for (; i + 8 <= kept.Length; i += 8)
        {
            var floats = Vector256.Create(values[kept[i]], values[kept[i + 1]], values[kept[i + 2]], values[kept[i + 3]],
                values[kept[i + 4]], values[kept[i + 5]], values[kept[i + 6]], values[kept[i + 7]]);
            var (low, high) = Vector256.Widen(floats);
            low = (Vector256.ConditionalSelect(Vector256.Equals(low, low), low, fill) - offset) / scale; // NaN (missing) → the fill
            high = (Vector256.ConditionalSelect(Vector256.Equals(high, high), high, fill) - offset) / scale;
            // z − z is 0 for a finite z and NaN otherwise; such a value takes the scalar path (its other formula, or the report).
            if (!Vector256.EqualsAll((low - low) + (high - high), Vector256<double>.Zero)) break;
            Vector256.Narrow(low, high).CopyTo(destination.Slice(i, 8));
        }
        return i;
    }

    /// <summary>One-hot encodes a categorical feature into its <see cref="FeatureColumn.Width"/> columns of the output.</summary>
    private static void EncodeCategories<T>(DataTable table, int[] kept, FeatureColumn feature, DataColumn data, Span<T> destination, int order,
        List<(int Row, int Column, UnseenCategories Unseen)> unseen) where T : struct, IFloatingPointIeee754<T>
    {
        int n = kept.Length;
        var vocabulary = feature.Categories.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k, StringComparer.Ordinal);
        int[]? codeMap = data is CategoryColumn t ? t.Vocabulary.Select(s => vocabulary.GetValueOrDefault(s, -1)).ToArray() : null;
        int count = 0, first = -1;
        for (int i = 0; i < n; i++)
        {
            int r = kept[i];
            if (data.IsMissing(r)) continue;
            int k = codeMap is not null ? codeMap[((CategoryColumn)data)[r]] : vocabulary.GetValueOrDefault(Text(data, r), -1);
            if (k >= 0) destination[k * n + i] = T.One;
            else if (count++ == 0) first = i;
        }
        if (count > 0)
            lock (unseen) unseen.Add((first, order, new UnseenCategories(feature.Name, count, Text(data, kept[first]), table.Where(kept[first]))));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeTargets<T>(DataTable table, int[] kept, DataColumn data, T[] destination, int order, FirstProblem problem)
        where T : struct, IFloatingPointIeee754<T>
    {
        var classes = new ClassLookup(_target, _parser);
        int n = kept.Length;
        for (int i = 0; i < n && i <= problem.Row; i++)
        {
            try { EncodeTarget(table, kept[i], data, classes, destination, n, i); }
            catch (DataException e) { problem.Offer(i, order, e); return; }
        }
    }

    /// <summary>The first problem in row-major order among those the column passes offer.</summary>
    private sealed class FirstProblem(int rows)
    {
        private int _column = int.MaxValue;
        private DataException? _error;

        /// <summary>The row of the first problem so far (rows after it need not be looked at), or the row count.</summary>
        public int Row { get; private set; } = rows;

        public void Offer(int row, int column, DataException error)
        {
            lock (this)
                if (row < Row || (row == Row && column < _column)) (Row, _column, _error) = (row, column, error);
        }

        public void ThrowIfAny()
        {
            if (_error is not null) throw _error;
        }
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

    /// <summary>Row <paramref name="i"/> of the targets (column-major, <paramref name="rows"/> rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called for every row from the first: no time for tiering
    private void EncodeTarget<T>(DataTable table, int row, DataColumn data, ClassLookup classes, T[] y, int rows, int i)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (!_target.IsClassification)
        {
            double value = Number(table, row, _target.Name, data, "target column");
            double z = (value - _target.Mean) / _target.Scale;
            y[i] = T.CreateTruncating(double.IsFinite(z) ? z : value / _target.Scale - _target.Mean / _target.Scale);
            return;
        }
        int k = data is NumericColumn n ? classes.IndexOf(n[row]) : classes.IndexOf(Text(data, row));
        if (k < 0)
            throw new DataException(
                $"{table.Where(row)}: target column '{_target.Name}' value '{Text(data, row)}' is not one of the model's classes ({string.Join(", ", _target.Classes)})");
        if (_target.Outputs == 1) y[i] = T.CreateTruncating(k);
        else y[k * rows + i] = T.One;
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
