using NeuralNet.Core.Models;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Cli.Workflows;

/// <summary><c>neuralnet evaluate MODEL DATA</c>: loss and metrics of a saved model on a labelled CSV file, and the dead-neuron report on that data.</summary>
public static class EvaluateWorkflow
{
    /// <summary>Runs the evaluation and returns the exit code.</summary>
    /// <exception cref="CliException">On a usage or data error.</exception>
    public static int Run(DataFileSettings s, Reporter r)
    {
        var model = ModelStore.LoadModel(s.ModelPath);
        var encoder = new DataEncoder(model.Features, model.Target, ValueParser.ForCulture(s.Culture), s.Missing);
        var table = CsvTableReader.Read(s.DataPath!, s.Delimiter, s.MaxFileBytes, s.Culture, textColumns: encoder.TextColumns);
        var data = encoder.Encode(table, targetRequired: true);
        foreach (var warning in data.Warnings) r.Warning(warning);
        var (loss, _) = model.Network.Evaluate(data.Features, data.Targets!, model.Target.Loss);
        var predictions = model.Network.Predict(data.Features, model.Target.Loss);
        PredictionGuard.EnsureFinite(predictions, s.ModelPath, i => table.Where(data.SourceRows[i]));
        var stats = model.Network.Activity(data.Features).Select(a => LayerDeadStats.From(a)).ToList();
        var verdict = DeadNeuronReport.Verdict(stats, null, $"row of {table.Source}", model.Document.Training.Initializer);
        var report = model.Target.IsClassification
            ? Classification(s, table, data, model.Target, loss, predictions, stats, verdict)
            : Regression(s, table, data, model.Target, loss, predictions, stats, verdict);

        if (s.Json)
        {
            r.Json(ReportJson.ToJson(report));
            return ExitCodes.Ok;
        }
        Print(r, report, stats);
        return ExitCodes.Ok;
    }

    private static EvaluateReportDocument Classification(DataFileSettings s, DataTable table, EncodedData data, TargetEncoding target, double loss,
        MathNet.Numerics.LinearAlgebra.Matrix<double> predictions, IReadOnlyList<LayerDeadStats> stats, IReadOnlyList<string> verdict)
    {
        int k = target.Classes.Count;
        var confusion = new int[k][];
        for (int c = 0; c < k; c++) confusion[c] = new int[k];
        for (int i = 0; i < data.Rows; i++)
            confusion[ClassOf(data.Targets!, i)][ClassOf(predictions, i)]++;
        var perClass = Enumerable.Range(0, k).Select(c =>
        {
            int tp = confusion[c][c], support = confusion[c].Sum(), predicted = confusion.Sum(row => row[c]);
            double precision = predicted == 0 ? 0 : (double)tp / predicted, recall = support == 0 ? 0 : (double)tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassMetricsDocument(target.Classes[c], precision, recall, f1, support);
        }).ToList();
        double accuracy = (double)Enumerable.Range(0, k).Sum(c => confusion[c][c]) / data.Rows;
        return new EvaluateReportDocument(s.ModelPath, table.Source, data.Rows, target.Task, Finite(loss), accuracy, perClass, target.Classes,
            confusion, null, null, null, TrainSummary.DeadLayers(stats, null), verdict);
    }

    /// <summary>The class of row <paramref name="i"/>: the arg-max of one-hot rows or probabilities, or the 0.5 threshold for one column.</summary>
    private static int ClassOf(MathNet.Numerics.LinearAlgebra.Matrix<double> m, int i)
    {
        if (m.ColumnCount == 1) return m[i, 0] > 0.5 ? 1 : 0;
        int best = 0;
        for (int c = 1; c < m.ColumnCount; c++)
            if (m[i, c] > m[i, best]) best = c;
        return best;
    }

    private static EvaluateReportDocument Regression(DataFileSettings s, DataTable table, EncodedData data, TargetEncoding target, double loss,
        MathNet.Numerics.LinearAlgebra.Matrix<double> predictions, IReadOnlyList<LayerDeadStats> stats, IReadOnlyList<string> verdict)
    {
        double sse = 0, sae = 0, sum = 0, sumSquares = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            double actual = data.Targets![i, 0] * target.Scale + target.Mean, predicted = predictions[i, 0] * target.Scale + target.Mean;
            sse += (predicted - actual) * (predicted - actual);
            sae += Math.Abs(predicted - actual);
            sum += actual;
            sumSquares += actual * actual;
        }
        double n = data.Rows, sst = sumSquares - sum * sum / n;
        double r2 = sst > 0 ? 1 - sse / sst : sse == 0 ? 1 : 0;
        return new EvaluateReportDocument(s.ModelPath, table.Source, data.Rows, target.Task, Finite(loss), null, null, null, null,
            Finite(sse / n), Finite(sae / n), Finite(r2), TrainSummary.DeadLayers(stats, null), verdict);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null; // JSON has no NaN: a missing value

    private static void Print(Reporter r, EvaluateReportDocument e, IReadOnlyList<LayerDeadStats> stats)
    {
        string metrics = e.Accuracy is { } acc
            ? $"loss {Value(e.Loss)}  accuracy {Format.Value(acc)}"
            : $"loss {Value(e.Loss)} (standardized target)  mse {Value(e.Mse)}  mae {Value(e.Mae)}  r2 {Value(e.R2)}";
        static string Value(double? v) => v is { } x ? Format.Value(x) : "n/a";
        if (!r.Normal)
        {
            r.Line($"{e.Data}: {e.Rows} rows  {metrics}");
            return;
        }
        r.Line($"model    {e.Model}");
        r.Line($"data     {e.Data}: {e.Rows} rows");
        r.Line($"metrics  {metrics}");
        if (e.PerClass is { } perClass && e.ConfusionMatrix is { } confusion)
        {
            r.Line();
            r.Table(new ReportTable(["class", "precision", "recall", "f1", "support"],
                perClass.Select(c => new[] { c.Class, Format.Value(c.Precision), Format.Value(c.Recall), Format.Value(c.F1), c.Support.ToString() }).ToList(),
                [false, true, true, true, true]));
            r.Heading("confusion matrix (rows: actual class, columns: predicted class)");
            r.Table(new ReportTable(["actual \\ predicted", .. e.Classes!],
                confusion.Select((row, i) => new[] { e.Classes![i] }.Concat(row.Select(v => v.ToString())).ToArray()).ToList(),
                [false, .. e.Classes!.Select(_ => true)]));
        }
        if (stats.Count > 0)
        {
            r.Line();
            r.Heading($"dead neurons (measured on the {e.Rows} rows of {e.Data})");
            r.Table(DeadNeuronReport.Table(stats, null));
        }
        foreach (var line in e.Verdict) r.Line(line);
    }
}
