using System.Globalization;
using NeuralNet.Cli.Charts;
using NeuralNet.Core.Data;
using NeuralNet.Core.Models;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Experiments;

namespace NeuralNet.Cli.Workflows;

/// <summary>The files an experiment's table and runs can be written to; each null when not asked for.</summary>
/// <param name="OutCsv">Every run as a CSV row.</param>
/// <param name="OutJson">Every run with per-epoch curves, as JSON.</param>
/// <param name="Plot">A PNG chart.</param>
/// <param name="Markdown">The summary table in markdown.</param>
/// <param name="Latex">The summary table as a LaTeX tabular.</param>
public sealed record ExperimentOutputPaths(string? OutCsv, string? OutJson, string? Plot, string? Markdown, string? Latex)
{
    /// <summary>The paths given, in the order they are written.</summary>
    public IEnumerable<string> All => Named.Select(n => n.Path).OfType<string>();

    /// <summary>Each output with its option name (null paths included), for <see cref="OutputPaths.Check"/>.</summary>
    public (string Option, string? Path)[] Named =>
        [("--out-csv", OutCsv), ("--out-json", OutJson), ("--plot", Plot), ("--markdown", Markdown), ("--latex", Latex)];
}

/// <summary>
/// The summary table and output files of a set of finished runs: the same for a grid run in one process, a resumed
/// grid, and merged shards, because all three call this with the runs in grid order.
/// </summary>
public static class ExperimentOutputs
{
    /// <summary>Prints the summary table and writes every requested file.</summary>
    /// <param name="outcomes">The finished runs, in grid order.</param>
    /// <param name="validation">Whether the metric is a validation metric.</param>
    /// <param name="paths">The files to write.</param>
    /// <param name="reporter">Where the table goes.</param>
    /// <param name="title">The chart's subtitle: data, seeds and settings.</param>
    public static void Write(IReadOnlyList<RunOutcome> outcomes, bool validation, ExperimentOutputPaths paths, Reporter reporter, string title)
    {
        var summary = ExperimentSummary.From(outcomes);
        var summaryTable = SummaryTable(summary, validation);
        reporter.Table(summaryTable);
        if (paths.OutCsv is { } csv) AtomicFile.WriteText(csv, w => CsvTableWriter.Write(w, RunHeader, outcomes.Select(RunRow)));
        if (paths.OutJson is { } json) AtomicFile.WriteText(json, w => w.Write(ExperimentJson.Serialize(outcomes)));
        if (paths.Plot is { } plot) ExperimentChart.Save(plot, outcomes, summary, title);
        if (paths.Markdown is { } markdown) AtomicFile.WriteText(markdown, w => w.Write(TableExport.Markdown(summaryTable)));
        if (paths.Latex is { } latex) AtomicFile.WriteText(latex, w => w.Write(TableExport.Latex(summaryTable)));
        foreach (var path in paths.All) reporter.Line($"wrote {path}");
    }

    private static ReportTable SummaryTable(IReadOnlyList<ExperimentSummary> rows, bool validation)
    {
        string metric = rows.Count > 0 ? rows[0].MetricName : "metric";
        var headers = new[] { "setting", "runs", $"{(validation ? "val_" : "")}{metric} (mean ± 95% CI)", "sd", "Δ vs first (paired)", "p (Holm)",
            "dead", "dead %", "inactive", "born dead", "born-dead nets", "best epoch" };
        var body = rows.Select(r => new[]
        {
            r.Setting, r.Runs.ToString(CultureInfo.InvariantCulture), ExperimentTableFormat.MeanWithInterval(r.Metric),
            ExperimentTableFormat.Number(r.Metric.StandardDeviation), ExperimentTableFormat.Difference(r.VersusBaseline),
            ExperimentTableFormat.PValue(r.VersusBaseline?.AdjustedP),
            r.DeadMean.ToString("F1", CultureInfo.InvariantCulture), (100 * r.DeadShareMean).ToString("F1", CultureInfo.InvariantCulture) + "%",
            r.InactiveMean.ToString("F1", CultureInfo.InvariantCulture), r.BornDeadMean.ToString("F1", CultureInfo.InvariantCulture),
            (100 * r.BornDeadNetworkShare).ToString("F0", CultureInfo.InvariantCulture) + "%", r.BestEpochMean.ToString("F1", CultureInfo.InvariantCulture),
        }).ToList();
        return new ReportTable(headers, body, [false, true, true, true, true, true, true, true, true, true, true, true]);
    }

    private static readonly string[] RunHeader =
        ["run", "activation", "alpha", "hidden", "lr", "init", "bias_init", "seed", "metric_name", "metric", "final_loss", "val_loss",
         "dead", "inactive", "units", "born_dead", "born_dead_network", "dead_layer_at_end", "best_epoch", "epochs_run", "stop_reason"];

    private static IReadOnlyList<string> RunRow(RunOutcome o)
    {
        var n = o.Settings.Network;
        string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        return [o.Index.ToString(CultureInfo.InvariantCulture), n.HiddenActivation.Name, F(n.HiddenActivation.Alpha), string.Join(" ", n.Hidden),
            F(o.Settings.LearningRate), n.Initializer, F(n.HiddenBias), o.Settings.Seed.ToString(CultureInfo.InvariantCulture), o.MetricName,
            F(o.Metric), F(o.Result.Last.Loss), F(o.Result.Last.ValidationLoss), I(o.Dead), I(o.Inactive), I(o.Units), I(o.BornDead),
            o.BornDeadLayer ? "true" : "false", o.DeadLayerAtEnd ? "true" : "false", I(o.BestEpoch), I(o.Result.EpochsRun), o.Result.StopReason.ToString()];
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
