using NeuralNet.Cli.Charts.Html;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;
using NeuralNet.Core.Models;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet experiment</c>: the same network over a grid of activations, learning rates, sizes, initializers,
/// biases, recycling (ReDo) modes, seeds and data samples (folds or re-splits), in parallel (float32 unless --precision double). Every run is assembled by the pipeline
/// <c>train</c> uses, from the spec <c>train</c> would build from the same options; the table gives mean ± 95% CI per
/// setting with paired tests against a baseline, and dead and born-dead units.
/// </summary>
public static class ExperimentWorkflow
{
    /// <summary>Runs the grid and returns the exit code.</summary>
    public static int Run(ExperimentSettings s, Reporter reporter, CancellationToken cancellation)
    {
        Validate(s);
        // The results file is both read (--resume) and appended to, so it is checked as an output only.
        OutputPaths.Check([s.DataPath, s.ValidationFile], [("--results", s.Resume ?? s.Results), .. s.Outputs.Named, ("--report", s.Report)]);
        bool wide = s.Precision == "double"; // numbers kept as float64, as train reads them
        var table = CsvTableReader.Read(s.DataPath, s.Delimiter, s.MaxFileBytes, s.Culture, wide);
        var validationTable = s.ValidationFile is null ? null : CsvTableReader.Read(s.ValidationFile, s.Delimiter, s.MaxFileBytes, s.Culture, wide);

        var template = s.Template();
        var runs = s.Grid().Expand(template);
        string? baseline = ExperimentOutputs.ResolveBaseline(s.Baseline, runs.Select(r => r.SettingKey));
        var data = new ExperimentData(table, validationTable);
        var first = data.Encoded(runs[0].Spec); // data errors now, before any run
        foreach (var note in first.Notes) reporter.Warning(note);
        foreach (var hidden in s.Hidden)
            OptionRules.NetworkFits(first.Train.Features.ColumnCount, hidden, first.Target.Outputs, Math.Min(s.BatchSize, first.Train.Rows),
                wide ? sizeof(double) : sizeof(float), Math.Min(s.Threads, runs.Count));
        bool validation = first.Validation is { Rows: > 0 };
        if (reporter.Normal) reporter.Line($"experiment: {runs.Count} runs ({runs.Count / Math.Max(1, s.Seeds * s.SamplesPerSeed())} settings × {s.Seeds} seeds{SamplingText(s)}) " +
                      $"on {Path.GetFileName(s.DataPath)}: {first.Train.Rows} training rows{(validation ? $", {first.Validation!.Rows} validation rows" : "")}" +
                      $"{(s.Folds is null ? "" : " in the first fold")}, {s.Epochs} epochs, {s.Threads} threads");

        var identity = ExperimentIdentity.Of(runs, ToolInfo.Version, Path.GetFileName(s.DataPath), CheckpointStore.HashFiles(s.ValidationFile is { } v ? [s.DataPath, v] : [s.DataPath]), validation,
            s.Describe(), ExperimentIdentity.Now(Environment.GetEnvironmentVariable));
        using var results = ExperimentResults.Open(s, identity);
        if (reporter.Normal && (results.Shard != GridShard.Whole || results.Done.Count > 0))
            reporter.Line($"shard {results.Shard}: {results.ToRun.Count} runs to go" +
                          (results.Done.Count > 0 ? $", {results.Done.Count} already in {results.Path}" : ""));

        int done = 0;
        var printing = new object(); // runs finish on worker threads
        SignalHandling.Honour(); // a signal now stops the runs; the finished ones are kept and reported
        var outcomes = reporter.WithProgress("runs", results.ToRun.Count, progress =>
            ExperimentRunner.Run(runs, data, s.Threads, o =>
            {
                results.Add(o);
                int finished = Interlocked.Increment(ref done);
                if (reporter.Verbose) lock (printing) reporter.Line(ExperimentOutputs.RunLine(o, finished, results.ToRun.Count, validation));
                progress.Report(finished);
            }, cancellation, results.ToRun));
        // A run stopped by Ctrl-C did not finish: it is neither stored nor summarized.
        var finished = outcomes.Where(o => o.Finished).ToList();
        if (finished.Count < results.ToRun.Count)
            reporter.Warning($"interrupted: {finished.Count} of {results.ToRun.Count} runs finished; the table covers those" +
                             (results.Path is null ? "" : $"; continue with --resume {results.Path}"));
        var all = results.Done.Concat(finished).OrderBy(o => o.Index).ToList();
        if (!cancellation.IsCancellationRequested) results.Finish(all);

        // The output files are replaced together or not at all (the results file is kept up to date run by run, above).
        IReadOnlyList<ExperimentSummary> summary;
        using (var files = AtomicFile.Together())
        {
            summary = ExperimentOutputs.Write(all, results.Identity, s.Outputs, reporter, baseline);
            if (s.Report is { } report) ExperimentReport.Save(report, ReportIdentity.Rows(s.DataPath, s.Seed, s), all);
            files.Commit();
        }
        if (reporter.Normal)
        {
            if (s.Report is { } written) reporter.Line($"wrote {written}");
            if (results.Path is { } path) reporter.Line($"wrote {path}");
        }
        else reporter.Line(ExperimentOutputs.QuietLine(summary, all.Count, validation,
            s.Outputs.All.Concat(new[] { s.Report, results.Path }.OfType<string>())));
        return cancellation.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    private static string SamplingText(ExperimentSettings s)
        => s.Folds is { } k ? $" × {k} folds" : s.Resplits is { } r ? $" × {r} splits" : "";

    private static void Validate(ExperimentSettings s)
    {
        OptionRules.Positive("--seeds", s.Seeds);
        OptionRules.Positive("--threads", s.Threads);
        OptionRules.Epochs(s.Epochs);
        OptionRules.BatchSize(s.BatchSize);
        OptionRules.ValidationSplit(s.ValidationSplit);
        OptionRules.Patience(s.Patience);
        OptionRules.DeadEvery(s.DeadEvery);
        if (s.Recycles.Count == 0) throw CliException.Usage("--recycle expects off, dead or dormant, or a list of them; received nothing");
        foreach (var mode in s.Recycles) OptionRules.RecycleMode(mode);
        OptionRules.RecycleEvery(s.RecycleEvery);
        OptionRules.DormantTau(s.DormantTau);
        OptionRules.WeightDecay(s.WeightDecay);
        OptionRules.Alpha(s.Alpha, s.Activations);
        OptionRules.ClipNorm(s.ClipNorm);
        OptionRules.Precision(s.Precision);
        OptionRules.Scaling(s.Scaling);
        if (s.PreluMode == "unit" && !s.Activations.Contains("prelu")) throw CliException.Usage("--prelu-mode unit applies to --activation prelu, which is not in the grid");
        if (s.ValidationFile is not null && (s.Folds is not null || s.Resplits is not null || s.ValidationSplit is not null))
            throw CliException.Usage("--validation-file validates every run on that file; it does not combine with --folds, --resplits or --validation-split");
        if (s.Folds is not null && s.Resplits is not null) throw CliException.Usage("--folds and --resplits are two ways to vary the rows; give one");
        if (s.Folds is { } folds && folds < 2) throw CliException.Usage($"--folds expects at least 2 folds; received {folds}");
        if (s.Folds is not null && s.ValidationSplit is not null)
            throw CliException.Usage("--validation-split does not apply with --folds: each run validates on the fold it holds out");
        if (s.Resplits is { } resplits) OptionRules.Positive("--resplits", resplits);
        if (s.Resplits is not null && s.EffectiveValidationSplit == 0)
            throw CliException.Usage("--resplits draws fresh validation rows; it needs a --validation-split above 0");
        double runs = s.RunCount(); // before the grid is built: --seeds 2147483647 would not fit as a list of runs
        foreach (var hidden in s.Hidden)
        {
            OptionRules.Hidden(hidden);
            // The batch is at most the training rows, and no more networks train at once than there are runs.
            OptionRules.NetworkFits(1, hidden, 1, 1, s.Precision == "double" ? sizeof(double) : sizeof(float), (int)Math.Min(s.Threads, runs));
        }
        OptionRules.RecordsFit(runs, s.Epochs, s.Hidden.Max(h => h.Sum()), s.DeadEvery, grid: true);
        foreach (double lr in s.LearningRates) OptionRules.LearningRate(lr);
        foreach (double bias in s.BiasInits) OptionRules.BiasInit(bias);
    }
}
