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
    /// <summary>Bytes of the file read per chunk; null for the reader's default (tests set a few bytes to cut the file often).</summary>
    internal static int? ChunkBytes { get; set; }

    /// <summary>Runs the evaluation and returns the exit code.</summary>
    /// <exception cref="CliException">On a usage or data error.</exception>
    public static int Run(DataFileSettings s, Reporter r)
    {
        var model = Model.Load(s.ModelPath);
        var predictor = new ChunkedPredictor(model.Network, model.Features, model.Target, ValueParser.ForCulture(s.Culture), s.Missing, s.ModelPath);
        var target = model.Target;
        var totals = new EvaluationTotals(target);
        var activity = new ActivityTotals();
        string source = s.DataPath!;
        // Chunk by chunk, so memory does not grow with the file: the predictor sums the loss in the whole-file blocks,
        // the confusion matrix or regression sums and the dead-neuron counts add up.
        foreach (var chunk in predictor.Run(CsvTableReader.ReadChunks(s.DataPath!, s.Delimiter, s.MaxFileBytes, s.Culture, predictor.TextColumns, ChunkBytes), targetRequired: true))
        {
            source = chunk.Table.Source;
            if (chunk.Data is not { } data) continue;
            totals.Add(data, chunk.Outputs!);
            activity.Add(model.Network.Activity(data));
        }
        foreach (var warning in predictor.Warnings) r.Warning(warning);
        var stats = activity.Total.Select(a => LayerDeadStats.From(a)).ToList();
        var verdict = DeadNeuronReport.Verdict(stats, null, $"row of {source}", model.Document.Training.Initializer);
        var report = totals.Report(s.ModelPath, source, predictor.Loss, TrainSummary.DeadLayers(stats, null), verdict);

        if (s.Json)
        {
            r.Json(ReportJson.ToJson(report));
            return ExitCodes.Ok;
        }
        Print(r, report, stats);
        return ExitCodes.Ok;
    }

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
            if (r.Verbose)
                foreach (var s in stats)
                {
                    if (s.DeadUnits.Count > 0) r.Line($"layer {s.Layer} dead units: {string.Join(", ", s.DeadUnits.Select(u => $"u{u}"))}");
                    if (s.InactiveUnits.Count > 0) r.Line($"layer {s.Layer} inactive units: {string.Join(", ", s.InactiveUnits.Select(u => $"u{u}"))}");
                }
        }
        foreach (var line in e.Verdict) r.Line(line);
    }
}
