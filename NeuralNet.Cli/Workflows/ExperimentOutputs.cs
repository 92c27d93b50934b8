using System.Globalization;
using System.Text;
using NeuralNet.Cli.Charts;
using NeuralNet.Core.Data;
using NeuralNet.Core.Models;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;
using NeuralNet.Core.Training;

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
/// grid, and merged shards, because all three call this with the runs in grid order and the experiment's identity,
/// whose tool version, data hash, settings and date every file carries.
/// </summary>
public static class ExperimentOutputs
{
    /// <summary>Prints the summary table (not with --quiet) and writes every requested file; returns the table's rows.</summary>
    /// <param name="outcomes">The finished runs, in grid order.</param>
    /// <param name="identity">The experiment: its metadata goes into every file.</param>
    /// <param name="paths">The files to write.</param>
    /// <param name="reporter">Where the table goes.</param>
    /// <param name="baseline">The baseline's setting label (from <see cref="ResolveBaseline"/>), or null for the first setting.</param>
    public static IReadOnlyList<ExperimentSummary> Write(IReadOnlyList<RunOutcome> outcomes, ExperimentIdentity identity, ExperimentOutputPaths paths, Reporter reporter, string? baseline = null)
    {
        var summary = ExperimentSummary.From(outcomes, outcomes.Any(o => o.Settings.SettingKey == baseline) ? baseline : null);
        var summaryTable = SummaryTable(summary, identity.HasValidation, outcomes.Any(o => o.Settings.Spec.Recycle != RecycleMode.Off));
        if (reporter.Normal) reporter.Table(summaryTable);
        if (paths.OutCsv is { } csv) AtomicFile.WriteText(csv, w => ExperimentCsv.Write(w, outcomes, identity));
        if (paths.OutJson is { } json) AtomicFile.WriteText(json, w => w.Write(ExperimentJson.Serialize(identity, summary, outcomes)));
        if (paths.Plot is { } plot) ExperimentChart.Save(plot, outcomes, summary, Caption(identity));
        if (paths.Markdown is { } markdown)
            AtomicFile.WriteText(markdown, w => w.Write(TableExport.Markdown(summaryTable) + "\n" + EscapeMarkdown(MetadataText(identity)) + "\n"));
        if (paths.Latex is { } latex)
            AtomicFile.WriteText(latex, w => w.Write(string.Concat(MetadataLines(identity).Select(l => "% " + l + "\n")) + TableExport.Latex(summaryTable)));
        if (reporter.Normal) foreach (var path in paths.All) reporter.Line($"wrote {path}");
        return summary;
    }

    /// <summary>
    /// The one line of <c>--quiet</c>: the runs, the setting with the best mean metric (accuracy or R², higher is
    /// better) with its interval, and the files written.
    /// </summary>
    public static string QuietLine(IReadOnlyList<ExperimentSummary> summary, int runs, bool validation, IEnumerable<string> written)
    {
        var files = written.ToList();
        string wrote = files.Count > 0 ? $"; wrote {string.Join(", ", files)}" : "";
        if (summary.Count == 0) return $"{runs} runs finished{wrote}";
        var best = summary.MaxBy(r => r.MetricMean)!;
        return $"{runs} runs; best {best.Setting}: {(validation ? "val_" : "")}{best.MetricName} {ExperimentTableFormat.MeanWithInterval(best.Metric)}{wrote}";
    }

    /// <summary>The line <c>--verbose</c> prints as each run finishes.</summary>
    public static string RunLine(RunOutcome o, int finished, int total, bool validation)
        => $"run {finished}/{total}: {o.Settings.SettingKey} seed {o.Settings.Seed}{(o.Settings.SampleIndex > 0 ? $" sample {o.Settings.SampleIndex}" : "")}: " +
           $"{(validation ? "val_" : "")}{o.MetricName} {Format.Value(o.Metric)}, dead {o.Dead}/{o.Units}, best epoch {o.BestEpoch}";

    /// <summary>
    /// The setting label <paramref name="requested"/> names: a label itself, or words every one of which is a word of
    /// exactly one label ("prelu lr=0.01"); null for none requested. A label without a recycle word also has the word
    /// "recycle=off", so "relu recycle=off" names the setting that does not recycle.
    /// </summary>
    /// <exception cref="CliException">A usage error when no setting or several settings match.</exception>
    public static string? ResolveBaseline(string? requested, IEnumerable<string> settings)
    {
        if (requested is null) return null;
        var labels = settings.Distinct().ToList();
        if (labels.Contains(requested)) return requested;
        var words = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matches = labels.Where(label =>
        {
            var own = label.Split(' ').SelectMany(w => w.Contains("(α=", StringComparison.Ordinal) ? [w, w[..w.IndexOf('(', StringComparison.Ordinal)]] : new[] { w }).ToHashSet();
            if (!own.Any(w => w.StartsWith("recycle=", StringComparison.Ordinal))) own.Add(RunSettings.RecycleWord(RecycleMode.Off));
            return words.Length > 0 && words.All(own.Contains);
        }).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw CliException.Usage($"--baseline '{requested}' matches none of the settings: {string.Join("; ", labels)}"),
            _ => throw CliException.Usage($"--baseline '{requested}' matches {matches.Count} settings ({string.Join("; ", matches)}); add words such as lr=… or hidden=… to pick one"),
        };
    }

    /// <summary>"neuralnet 1.0.0", the data file and its SHA-256, the date, then every setting as name=value.</summary>
    public static IReadOnlyList<string> MetadataLines(ExperimentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return [$"neuralnet {identity.ToolVersion}, {identity.Created}", $"data {identity.DataFile}, SHA-256 {identity.DataSha256}",
            "settings: " + string.Join("; ", identity.Settings.Select(e => $"{e.Key}={e.Value}"))];
    }

    private static string MetadataText(ExperimentIdentity identity) => string.Join(". ", MetadataLines(identity)) + ".";

    private static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text) escaped.Append(c is '*' or '_' or '|' or '\\' or '`' ? "\\" + c : c.ToString());
        return escaped.ToString();
    }

    private static string Caption(ExperimentIdentity identity)
    {
        string S(string key) => identity.Settings.GetValueOrDefault(key) ?? "?";
        return $"{identity.DataFile}, seed {S("Seed")}, {S("Seeds")} seeds, {S("Optimizer")}, {S("Epochs")} epochs, batch {S("BatchSize")}";
    }

    /// <summary>The table; with <paramref name="recycling"/> (some run recycles units) a "recycled" column: mean units recycled per run.</summary>
    private static ReportTable SummaryTable(IReadOnlyList<ExperimentSummary> rows, bool validation, bool recycling)
    {
        string metric = rows.Count > 0 ? rows[0].MetricName : "metric";
        string[] headers = ["setting", "runs", $"{(validation ? "val_" : "")}{metric} (mean ± 95% CI)", "sd", "Δ vs baseline (paired)", "p t-test (Holm)",
            "p Wilcoxon (Holm)", "dead", "dead %", "inactive", "born dead", "born-dead nets", .. (recycling ? new[] { "recycled" } : []), "best epoch"];
        var body = rows.Select(r => (string[])
        [
            r.Setting, r.Runs.ToString(CultureInfo.InvariantCulture), ExperimentTableFormat.MeanWithInterval(r.Metric),
            ExperimentTableFormat.Number(r.Metric.StandardDeviation), ExperimentTableFormat.Difference(r.VersusBaseline),
            ExperimentTableFormat.PValue(r.VersusBaseline?.AdjustedP), ExperimentTableFormat.PValue(r.VersusBaseline?.WilcoxonAdjustedP),
            r.DeadMean.ToString("F1", CultureInfo.InvariantCulture), (100 * r.DeadShareMean).ToString("F1", CultureInfo.InvariantCulture) + "%",
            r.InactiveMean.ToString("F1", CultureInfo.InvariantCulture), r.BornDeadMean.ToString("F1", CultureInfo.InvariantCulture),
            (100 * r.BornDeadNetworkShare).ToString("F0", CultureInfo.InvariantCulture) + "%",
            .. (recycling ? new[] { r.RecycledMean.ToString("F1", CultureInfo.InvariantCulture) } : []),
            r.BestEpochMean.ToString("F1", CultureInfo.InvariantCulture),
        ]).ToList();
        return new ReportTable(headers, body, [false, .. Enumerable.Repeat(true, headers.Length - 1)]);
    }
}
