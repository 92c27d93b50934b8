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
        var allRows = Enumerable.Range(0, table.RowCount).ToArray();
        string task = TypeInference.InferTask(table, target, parser, request.Task);
        var classes = task == TargetEncoding.Classification ? TypeInference.Classes(table, target, parser) : [];
        CategoryLimit.CheckTarget(table.Source, table.Columns[target], classes.Count);
        if (task == TargetEncoding.Classification && classes.Count < 2)
            throw new DataException($"{table.Source}: target column '{table.Columns[target]}' has only one class ('{classes.FirstOrDefault()}'); a classifier needs at least two");
        var kinds = featureIndices.ToDictionary(c => c, c => TypeInference.IsNumeric(table, c, parser));

        // Rows whose target is missing cannot be used for training; the encoder reports or drops them, so split only the others.
        var targetColumn = table.Data[target];
        var usable = allRows.Where(r => !targetColumn.IsMissing(r) || request.Missing == MissingPolicy.Error).ToArray();
        int[] trainRows = usable, validationRows = [];
        if (request.ValidationTable is null)
        {
            var strata = task == TargetEncoding.Classification ? usable.Select(r => targetColumn.IsMissing(r) ? "" : DataEncoder.Text(targetColumn, r)).ToArray() : null;
            (trainRows, validationRows) = request.Sample is { } sample
                ? sample.Split(usable, strata) // its own seed: nothing is drawn from rng
                : DataSplitter.Split(usable, strata, request.ValidationSplit, rng);
        }

        var scaling = request.Scaling ?? FeatureScaling.Standard;
        var features = featureIndices.Select(c => FitColumn(table.Data[c], kinds[c], trainRows, scaling, notes)).ToList();
        CategoryLimit.Check(table.Source, features, trainRows.Length);
        string loss = TargetEncoding.ResolveLoss(task, classes.Count, request.Loss, table.Columns[target]);
        var targetEncoding = FitTarget(targetColumn, task, classes, trainRows, loss);
        var encoder = new DataEncoder(features, targetEncoding, request.Parser, request.Missing);
        var train = encoder.Encode(table, targetRequired: true, trainRows, request.Single);
        EncodedData? validation = null;
        if (request.ValidationTable is { } file) validation = encoder.Encode(file, targetRequired: true, single: request.Single);
        else if (validationRows.Length > 0) validation = encoder.Encode(table, targetRequired: true, validationRows, request.Single);
        int droppedRows = train.DroppedRows + (validation?.DroppedRows ?? 0) + (allRows.Length - usable.Length);
        if (droppedRows > 0) notes.Add($"{droppedRows} row(s) with missing values left out (--missing {request.Missing.ToString().ToLowerInvariant()})");
        return new TrainingData(features, targetEncoding, train, validation, notes);
    }

    private static FeatureColumn FitColumn(DataColumn column, bool numeric, int[] rows, FeatureScaling scaling, List<string> notes)
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
            if (categories.Count == 1) notes.Add($"column '{name}' is constant ('{categories[0]}'): it carries no information and is harmless");
            if (categories.Count > 50 && categories.Count * 2 > present)
                notes.Add($"column '{name}' is text with {categories.Count} distinct values (an identifier?); one-hot encoded, consider --drop '{name}'");
            return new FeatureColumn(name, FeatureColumn.Categorical, 0, 1, categories);
        }
        var numbers = (NumericColumn)column;
        var (count, min, max) = Range(numbers, rows);
        if (count == 0) return new FeatureColumn(name, FeatureColumn.Numeric, 0, 1, []) { Scaling = scaling.Name, Fill = 0 };
        var (mean, std) = MeanStd(numbers, rows, count);
        if (std == 0) notes.Add($"column '{name}' is constant ({mean.ToString(System.Globalization.CultureInfo.InvariantCulture)}): it carries no information and is harmless");
        var (offset, scale) = scaling.Fit(new ColumnStatistics(mean, std, min, max));
        return new FeatureColumn(name, FeatureColumn.Numeric, offset, scale, []) { Scaling = scaling.Name, Fill = mean };
    }

    private static TargetEncoding FitTarget(DataColumn target, string task, IReadOnlyList<string> classes, int[] rows, string loss)
    {
        string name = target.Name;
        if (task == TargetEncoding.Classification) return new TargetEncoding(name, task, classes, 0, 1, loss);
        // A regression target is numeric (TypeInference refuses text), so every present value is a finite number.
        var numbers = (NumericColumn)target;
        int count = Range(numbers, rows).Count;
        var (mean, std) = count > 0 ? MeanStd(numbers, rows, count) : (0, 0);
        return new TargetEncoding(name, task, [], mean, std > 0 ? std : 1, loss);
    }

    /// <summary>
    /// Mean and population standard deviation of the present values of <paramref name="rows"/>, without copying them.
    /// Values near ±1.8e308 overflow the plain sums, so then both are computed on the values divided by the largest
    /// magnitude and scaled back (the result is finite). The sums run in row order, one value after another, as LINQ's
    /// Average and Sum did: the fitted encoders (and so a seed's weights) are the same as before.
    /// </summary>
    private static (double Mean, double Std) MeanStd(NumericColumn numbers, int[] rows, int count)
    {
        double mean = Sum(numbers, rows, 1, 0, square: false) / count;
        double std = Math.Sqrt(Sum(numbers, rows, 1, mean, square: true) / count);
        if (double.IsFinite(mean) && double.IsFinite(std)) return (mean, std);
        double max = 0;
        foreach (int r in rows) if (!numbers.IsMissing(r)) max = Math.Max(max, Math.Abs(numbers[r]));
        double m = Sum(numbers, rows, max, 0, square: false) / count;
        double s = Math.Sqrt(Sum(numbers, rows, max, m, square: true) / count);
        return (m * max, Math.Min(s * max, double.MaxValue));
    }

    /// <summary>How many of <paramref name="rows"/> have a value, and the smallest and largest (NaN when none has).</summary>
    private static (int Count, double Min, double Max) Range(NumericColumn numbers, int[] rows)
    {
        int count = 0;
        double min = double.NaN, max = double.NaN;
        foreach (int r in rows)
        {
            if (numbers.IsMissing(r)) continue;
            double v = numbers[r];
            if (count++ == 0) (min, max) = (v, v);
            else if (v < min) min = v;
            else if (v > max) max = v;
        }
        return (count, min, max);
    }

    /// <summary>Σ v/divisor, or Σ (v/divisor − mean)² with <paramref name="square"/>, over the present values, strictly left to right.</summary>
    private static double Sum(NumericColumn numbers, int[] rows, double divisor, double mean, bool square)
    {
        double sum = 0;
        foreach (int r in rows)
        {
            double v = numbers[r];
            if (double.IsNaN(v)) continue;
            if (divisor != 1) v /= divisor;
            sum += square ? (v - mean) * (v - mean) : v;
        }
        return sum;
    }
}
