using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Core.Data;

/// <summary>
/// Turns a typed CSV table into training data: picks the columns, infers column kinds and the task
/// (<see cref="TypeInference"/>), splits (seeded, stratified), fits the scaler and vocabularies on the training split
/// only, and encodes both splits. No cell is parsed again: the reader parsed the numbers and interned the text.
/// </summary>
public static class TrainingDataBuilder
{
    /// <summary>Builds the training data.</summary>
    /// <exception cref="DataException">On any data problem, with file:line and column where there is one.</exception>
    public static TrainingData Build(DataTable table, TrainingDataRequest request, Rng rng)
    {
        var parser = new CellParser(request.Parser.Culture);
        int target = table.IndexOf(request.Target);
        if (target < 0)
            throw new DataException($"{table.Source}: target column '{request.Target}' not found; the columns are {table.ColumnList}");
        foreach (var drop in request.Drop)
            if (table.IndexOf(drop) < 0)
                throw new DataException($"{table.Source}: --drop column '{drop}' not found; the columns are {table.ColumnList}");
        var dropped = request.Drop.Select(table.IndexOf).ToHashSet();
        var featureIndices = Enumerable.Range(0, table.Columns.Count).Where(c => c != target && !dropped.Contains(c)).ToArray();
        if (featureIndices.Length == 0)
            throw new DataException($"{table.Source}: no feature columns left besides the target '{table.Columns[target]}'");

        var notes = new List<string>();
        string task = TypeInference.InferTask(table, target, parser, request.Task);
        var classes = task == TargetEncoding.Classification ? TypeInference.Classes(table, target, parser) : [];
        CategoryLimit.CheckTarget(table.Source, table.Columns[target], classes.Count);
        if (task == TargetEncoding.Classification && classes.Count < 2)
            throw new DataException($"{table.Source}: target column '{table.Columns[target]}' has only one class ('{classes.FirstOrDefault()}'); a classifier needs at least two");
        var kinds = featureIndices.ToDictionary(c => c, c => TypeInference.IsNumeric(table, c, parser));

        // Rows whose target is missing cannot be used for training; the encoder reports or drops them, so split only the others.
        var targetColumn = table.Data[target];
        var usable = UsableRows(targetColumn, request.Missing);
        int[] trainRows, validationRows = [];
        if (request.ValidationTable is not null) trainRows = usable.ToArray();
        else
        {
            var strata = task == TargetEncoding.Classification ? StrataOf(targetColumn, usable) : null;
            (trainRows, validationRows) = request.Sample is { } sample
                ? sample.Split(usable, strata) // its own seed: nothing is drawn from rng
                : DataSplitter.Split(usable, strata, request.ValidationSplit, rng);
        }

        var scaling = request.Scaling ?? FeatureScaling.Standard;
        // Columns are fitted on all cores; each column's sums still run in row order, so the encoders do not depend on the thread count.
        var fitted = new (FeatureColumn Feature, string? Note)[featureIndices.Length];
        Parallel.For(0, featureIndices.Length, i => fitted[i] = FitColumn(table.Data[featureIndices[i]], kinds[featureIndices[i]], trainRows, scaling));
        var features = fitted.Select(f => f.Feature).ToList();
        notes.AddRange(fitted.Where(f => f.Note is not null).Select(f => f.Note!));
        CategoryLimit.Check(table.Source, features, trainRows.Length);
        string loss = TargetEncoding.ResolveLoss(task, classes.Count, request.Loss, table.Columns[target]);
        var targetEncoding = FitTarget(targetColumn, task, classes, trainRows, loss);
        var encoder = new DataEncoder(features, targetEncoding, request.Parser, request.Missing);
        var train = encoder.Encode(table, targetRequired: true, trainRows, request.Single);
        EncodedData? validation = null;
        if (request.ValidationTable is { } file) validation = encoder.Encode(file, targetRequired: true, single: request.Single);
        else if (validationRows.Length > 0) validation = encoder.Encode(table, targetRequired: true, validationRows, request.Single);
        int droppedRows = train.DroppedRows + (validation?.DroppedRows ?? 0) + (table.RowCount - usable.Count);
        if (droppedRows > 0) notes.Add($"{droppedRows} row(s) with missing values left out (--missing {request.Missing.ToString().ToLowerInvariant()})");
        return new TrainingData(features, targetEncoding, train, validation, notes);
    }

    /// <summary>The fitted encoding of one feature column, and a note about it for the user (or null).</summary>
    private static (FeatureColumn Feature, string? Note) FitColumn(DataColumn column, bool numeric, int[] rows, FeatureScaling scaling)
    {
        string name = column.Name;
        if (!numeric)
        {
            var text = (CategoryColumn)column;
            var seen = new bool[text.Vocabulary.Count];
            int present = 0;
            foreach (int r in rows)
                if (text[r] >= 0) { seen[text[r]] = true; present++; }
            var categories = text.Vocabulary.Where((_, k) => seen[k]).Order(StringComparer.Ordinal).ToList();
            string? note = null;
            if (categories.Count == 1) note = $"column '{name}' is constant ('{categories[0]}'): it carries no information and is harmless";
            if (categories.Count > 50 && categories.Count * 2 > present)
                note = $"column '{name}' is text with {categories.Count} distinct values (an identifier?); one-hot encoded, consider --drop '{name}'";
            return (new FeatureColumn(name, FeatureColumn.Categorical, 0, 1, categories), note);
        }
        var m = ColumnMoments.Of((NumericColumn)column, rows);
        if (m.Count == 0) return (new FeatureColumn(name, FeatureColumn.Numeric, 0, 1, []) { Scaling = scaling.Name, Fill = 0 }, null);
        string? constant = m.Std == 0
            ? $"column '{name}' is constant ({m.Mean.ToString(System.Globalization.CultureInfo.InvariantCulture)}): it carries no information and is harmless"
            : null;
        var (offset, scale) = scaling.Fit(new ColumnStatistics(m.Mean, m.Std, m.Min, m.Max));
        return (new FeatureColumn(name, FeatureColumn.Numeric, offset, scale, []) { Scaling = scaling.Name, Fill = m.Mean }, constant);
    }

    private static TargetEncoding FitTarget(DataColumn target, string task, IReadOnlyList<string> classes, int[] rows, string loss)
    {
        string name = target.Name;
        if (task == TargetEncoding.Classification) return new TargetEncoding(name, task, classes, 0, 1, loss);
        // A regression target is numeric (TypeInference refuses text), so every present value is a finite number.
        var m = ColumnMoments.Of((NumericColumn)target, rows);
        var (mean, std) = m.Count > 0 ? (m.Mean, m.Std) : (0, 0);
        return new TargetEncoding(name, task, [], mean, std > 0 ? std : 1, loss);
    }

    /// <summary>
    /// The rows whose target is present, or every row when a missing target is an error (the encoder names it). Every
    /// row is a range, not an array: the split makes its own arrays, and a fresh array costs its page faults.
    /// </summary>
    private static IReadOnlyList<int> UsableRows(DataColumn target, MissingPolicy missing)
    {
        if (!target.HasMissing || missing == MissingPolicy.Error) return new RowRange(target.Count);
        var usable = new List<int>(target.Count);
        for (int r = 0; r < target.Count; r++)
            if (!target.IsMissing(r)) usable.Add(r);
        return usable.ToArray();
    }

    /// <summary>
    /// The class of each of <paramref name="rows"/>, to stratify the split by: classes are the labels' texts ("" when
    /// missing) in ordinal order. Found from the typed cells (a number's bits, a category's code); a label's text is
    /// looked up once per class, not per row.
    /// </summary>
    private static Strata StrataOf(DataColumn target, IReadOnlyList<int> rows)
    {
        var codes = new int[rows.Count];
        var keys = new Strata.KeyCodes();
        if (target is NumericColumn { IsDouble: false } singles && rows is RowRange)
        {
            // Every row of a float32 column (the usual case): the cells in order, no call per row.
            var cells = singles.Singles;
            for (int i = 0; i < cells.Length; i++)
            {
                double v = cells[i];
                long key = double.IsNaN(v) ? long.MinValue : BitConverter.DoubleToInt64Bits(v);
                codes[i] = keys.TryCode(key, out int code) ? code : keys.Add(key, double.IsNaN(v) ? "" : DataEncoder.Text(target, i));
            }
        }
        else if (target is NumericColumn numbers)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                double v = numbers[rows[i]];
                long key = double.IsNaN(v) ? long.MinValue : BitConverter.DoubleToInt64Bits(v); // every NaN is one missing label
                codes[i] = keys.TryCode(key, out int code) ? code : keys.Add(key, double.IsNaN(v) ? "" : DataEncoder.Text(target, rows[i]));
            }
        }
        else
        {
            var categories = (CategoryColumn)target;
            for (int i = 0; i < rows.Count; i++)
            {
                int key = categories[rows[i]];
                codes[i] = keys.TryCode(key, out int code) ? code : keys.Add(key, key < 0 ? "" : DataEncoder.Text(target, rows[i]));
            }
        }
        return keys.Ranked(codes);
    }
}
