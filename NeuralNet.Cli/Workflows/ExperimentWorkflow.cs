using NeuralNet.Core.Models;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Cli.Charts;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Charts.Html;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet experiment</c>: the same network over a grid of activations, learning rates, sizes, initializers,
/// biases and seeds, in parallel (float32), summarized as mean ± std per setting with dead and born-dead units.
/// </summary>
public static class ExperimentWorkflow
{
    /// <summary>Runs the grid and returns the exit code.</summary>
    public static int Run(ExperimentSettings s, Reporter reporter, CancellationToken cancellation)
    {
        Validate(s);
        // The results file is both read (--resume) and appended to, so it is checked as an output only.
        OutputPaths.Check([s.DataPath], [("--results", s.Resume ?? s.Results), .. s.Outputs.Named, ("--report", s.Report)]);
        var table = CsvTableReader.Read(s.DataPath, s.Delimiter, s.MaxFileBytes, s.Culture);
        var data = TrainingDataBuilder.Build(table, new TrainingDataRequest(
            s.Target, s.Drop, s.Missing, ValueParser.ForCulture(s.Culture), s.Task, s.ValidationSplit, null), new Rng(s.Seed));
        var train = ToFloat(data.Train);
        var validation = data.Validation is { Rows: > 0 } v ? ToFloat(v) : null;

        var template = new RunSettings(
            new MlpSpec(train.Features.ColumnCount, s.Hidden[0], data.Target.Outputs, ActivationSpec.Relu),
            data.Target.Loss, s.Optimizer, s.LearningRates[0], 0,
            new TrainerOptions { Epochs = s.Epochs, BatchSize = s.BatchSize, Patience = s.Patience, DeadNeurons = TrainingPipeline.DeadNeurons(s.DeadEvery) },
            s.Seed);
        foreach (var hidden in s.Hidden)
            OptionRules.NetworkFits(train.Features.ColumnCount, hidden, data.Target.Outputs, s.BatchSize, sizeof(float), s.Threads);
        var grid = new ExperimentGrid(s.Activations.Select(a => new ActivationSpec(a, a is "leaky-relu" or "prelu" ? s.Alpha : null)).ToList(),
            s.Hidden, s.LearningRates, s.Inits, s.BiasInits, s.Seeds, s.Seed);
        var runs = grid.Expand(template);
        reporter.Line($"experiment: {runs.Count} runs ({runs.Count / s.Seeds} settings × {s.Seeds} seeds) on {Path.GetFileName(s.DataPath)}: " +
                      $"{train.Rows} training rows{(validation is null ? "" : $", {validation.Rows} validation rows")}, {s.Epochs} epochs, {s.Threads} threads");

        var identity = ExperimentIdentity.Of(runs, ToolInfo.Version, CheckpointStore.HashFiles([s.DataPath]), validation is not null);
        using var results = ExperimentResults.Open(s, identity);
        if (results.Shard != GridShard.Whole || results.Done.Count > 0)
            reporter.Line($"shard {results.Shard}: {results.ToRun.Count} runs to go" +
                          (results.Done.Count > 0 ? $", {results.Done.Count} already in {results.Path}" : ""));

        int done = 0;
        SignalHandling.Honour(); // a signal now stops the runs; the finished ones are kept and reported
        var outcomes = reporter.WithProgress("runs", results.ToRun.Count, progress =>
            ExperimentRunner.Run(runs, train, validation, s.Threads, o =>
            {
                results.Add(o);
                progress.Report(Interlocked.Increment(ref done));
            }, cancellation, results.ToRun));
        // A run stopped by Ctrl-C did not finish: it is neither stored nor summarized.
        var finished = outcomes.Where(o => o.Finished).ToList();
        if (finished.Count < results.ToRun.Count)
            reporter.Warning($"interrupted: {finished.Count} of {results.ToRun.Count} runs finished; the table covers those" +
                             (results.Path is null ? "" : $"; continue with --resume {results.Path}"));
        var all = results.Done.Concat(finished).OrderBy(o => o.Index).ToList();
        if (!cancellation.IsCancellationRequested) results.Finish(all);

        ExperimentOutputs.Write(all, validation is not null, s.Outputs, reporter,
            $"{Path.GetFileName(s.DataPath)}, seed {s.Seed}, {s.Seeds} seeds, {s.Optimizer}, {s.Epochs} epochs, batch {s.BatchSize}");
        if (s.Report is { } report)
        {
            ExperimentReport.Save(report, ReportIdentity.Rows(s.DataPath, s.Seed, s), all);
            reporter.Line($"wrote {report}");
        }
        if (results.Path is { } path) reporter.Line($"wrote {path}");
        return cancellation.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    private static void Validate(ExperimentSettings s)
    {
        OptionRules.Positive("--seeds", s.Seeds);
        OptionRules.Positive("--threads", s.Threads);
        OptionRules.Epochs(s.Epochs);
        OptionRules.BatchSize(s.BatchSize);
        OptionRules.ValidationSplit(s.ValidationSplit);
        OptionRules.Patience(s.Patience);
        OptionRules.DeadEvery(s.DeadEvery);
        OptionRules.Alpha(s.Alpha, s.Activations);
        foreach (var hidden in s.Hidden)
        {
            OptionRules.Hidden(hidden);
            OptionRules.NetworkFits(1, hidden, 1, s.BatchSize, sizeof(float), s.Threads);
        }
        foreach (double lr in s.LearningRates) OptionRules.LearningRate(lr);
        foreach (double bias in s.BiasInits) OptionRules.BiasInit(bias);
    }

    private static Dataset<float> ToFloat(EncodedData d)
        => new(d.Features.Map(v => (float)v), (d.Targets ?? Matrix<double>.Build.Dense(d.Rows, 1)).Map(v => (float)v));
}
