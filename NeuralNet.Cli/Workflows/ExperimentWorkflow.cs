using NeuralNet.Core.Models;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Cli.Charts;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Experiments;
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
        var table = CsvTableReader.Read(s.DataPath, s.Delimiter, s.MaxFileBytes, s.Culture);
        var data = TrainingDataBuilder.Build(table, new TrainingDataRequest(
            s.Target, s.Drop, s.Missing, ValueParser.ForCulture(s.Culture), s.Task, s.ValidationSplit, null), new Rng(s.Seed));
        var train = ToFloat(data.Train);
        var validation = data.Validation is { Rows: > 0 } v ? ToFloat(v) : null;

        var template = new RunSettings(
            new MlpSpec(train.Features.ColumnCount, s.Hidden[0], data.Target.Outputs, ActivationSpec.Relu),
            data.Target.Loss, s.Optimizer, s.LearningRates[0], 0,
            new TrainerOptions { Epochs = s.Epochs, BatchSize = s.BatchSize, Patience = s.Patience, DeadNeurons = new DeadNeuronOptions(s.DeadEvery) },
            s.Seed);
        var grid = new ExperimentGrid(s.Activations.Select(a => new ActivationSpec(a, a is "leaky-relu" or "prelu" ? s.Alpha : null)).ToList(),
            s.Hidden, s.LearningRates, s.Inits, s.BiasInits, s.Seeds, s.Seed);
        var runs = grid.Expand(template);
        reporter.Line($"experiment: {runs.Count} runs ({runs.Count / s.Seeds} settings × {s.Seeds} seeds) on {Path.GetFileName(s.DataPath)}: " +
                      $"{train.Rows} training rows{(validation is null ? "" : $", {validation.Rows} validation rows")}, {s.Epochs} epochs, {s.Threads} threads");

        int done = 0;
        var outcomes = reporter.WithProgress("runs", runs.Count, progress =>
            ExperimentRunner.Run(runs, train, validation, s.Threads, _ => progress.Report(Interlocked.Increment(ref done)), cancellation));
        if (outcomes.Count < runs.Count)
            reporter.Warning($"interrupted: {outcomes.Count} of {runs.Count} runs finished; the table covers those");

        var summary = ExperimentSummary.From(outcomes);
        reporter.Table(SummaryTable(summary, validation is not null));
        if (s.OutCsv is { } csv) AtomicFile.WriteText(csv, w => CsvTableWriter.Write(w, RunHeader, outcomes.Select(RunRow)));
        if (s.OutJson is { } json) AtomicFile.WriteText(json, w => w.Write(ExperimentJson.Serialize(outcomes)));
        if (s.Plot is { } plot) ExperimentChart.Save(plot, outcomes, summary);
        foreach (var path in new[] { s.OutCsv, s.OutJson, s.Plot }.OfType<string>()) reporter.Line($"wrote {path}");
        return cancellation.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    private static void Validate(ExperimentSettings s)
    {
        if (s.Seeds <= 0) throw CliException.Usage($"--seeds must be a positive integer; received {s.Seeds}");
        if (s.Epochs < 0) throw CliException.Usage($"--epochs must be ≥ 0; received {s.Epochs}");
        if (s.BatchSize <= 0) throw CliException.Usage($"--batch-size must be a positive integer; received {s.BatchSize}");
        if (s.Threads <= 0) throw CliException.Usage($"--threads must be a positive integer; received {s.Threads}");
        if (!(s.ValidationSplit >= 0 && s.ValidationSplit < 1)) throw CliException.Usage($"--validation-split must be in [0, 1); received {s.ValidationSplit}");
        foreach (double lr in s.LearningRates)
            if (!(lr > 0) || !double.IsFinite(lr)) throw CliException.Usage($"--lr values must be finite and > 0; received {lr}");
    }

    private static Dataset<float> ToFloat(EncodedData d)
        => new(d.Features.Map(v => (float)v), (d.Targets ?? Matrix<double>.Build.Dense(d.Rows, 1)).Map(v => (float)v));

    private static ReportTable SummaryTable(IReadOnlyList<ExperimentSummary> rows, bool validation)
    {
        string metric = rows.Count > 0 ? rows[0].MetricName : "metric";
        var headers = new[] { "setting", "runs", $"{(validation ? "val_" : "")}{metric} (mean ± std)", "dead", "dead %", "inactive", "born dead", "born-dead nets", "best epoch" };
        var body = rows.Select(r => new[]
        {
            r.Setting, r.Runs.ToString(CultureInfo.InvariantCulture), $"{r.MetricMean:F4} ± {r.MetricStd:F4}",
            r.DeadMean.ToString("F1", CultureInfo.InvariantCulture), (100 * r.DeadShareMean).ToString("F1", CultureInfo.InvariantCulture) + "%",
            r.InactiveMean.ToString("F1", CultureInfo.InvariantCulture), r.BornDeadMean.ToString("F1", CultureInfo.InvariantCulture),
            (100 * r.BornDeadNetworkShare).ToString("F0", CultureInfo.InvariantCulture) + "%", r.BestEpochMean.ToString("F1", CultureInfo.InvariantCulture),
        }).ToList();
        return new ReportTable(headers, body, [false, true, true, true, true, true, true, true, true]);
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
