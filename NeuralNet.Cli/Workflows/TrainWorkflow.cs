using NeuralNet.Cli.Charts;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;
using NeuralNet.Cli.Charts.Html;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet train</c>: read and encode the data, build the network, train with per-epoch lines, then report why
/// training stopped, the final metrics and the dead-neuron report, and save the model. Nothing is written on failure.
/// </summary>
public static class TrainWorkflow
{
    /// <summary>Runs a training session and returns the exit code.</summary>
    /// <exception cref="CliException">On a usage or data error.</exception>
    public static int Run(TrainSettings s, Reporter reporter, CancellationToken cancellation)
    {
        // Compiles the training path while the settings are checked and the data is read (the seed does not matter to it).
        if (s.Resume is null && new FileInfo(s.DataPath) is { Exists: true, Length: >= Rehearsal.WorthwhileFileBytes }) Rehearsal.Start(s.ToSpec(1));
        TrainSettingsValidator.Validate(s);
        // Fail now, not after a long training run. The file resumed from is read whole before anything is written,
        // so continuing a model or checkpoint into the same path is allowed.
        OutputPaths.Check([s.DataPath, s.ValidationFile],
            ("--out", s.OutPath), ("--checkpoint", s.EffectiveCheckpointPath), ("--metrics-csv", s.MetricsCsv), ("--plot", s.Plot), ("--report", s.Report));
        var resume = TrainResume.Open(s);
        var fingerprint = DataFingerprint.Start(TrainResume.DataFiles(s), now: s.Epochs > 0 || resume is not null);
        bool seedPicked = s.Seed is null;
        // A seed only has to differ from run to run; the cryptographic generator would load its library for this one number.
        long seed = s.Seed ?? Random.Shared.Next(1, 1_000_000);
        var (run, source) = Prepare(s, resume, seed, fingerprint);
        // The tables and the reader's chunk buffers are garbage now (about twice the encoded data): give them back
        // before the trainer makes its row-major copy, so the peak is the encoded data, not data plus garbage. With no
        // epoch to run there is no copy, and nothing as large is allocated again: the collection would only cost time.
        if (s.Epochs > 0) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var (data, network) = (run.Data, run.Network);
        resume?.CheckFits(network, data.Train.Features.RowCount);
        foreach (var warning in data.Validation?.Warnings ?? []) reporter.Warning(warning);
        if (resume?.Model is not null && reporter.Normal) reporter.Line($"resume   from the weights of {resume.Path} (its architecture and encodings; a fresh optimizer)");
        if (resume?.Checkpoint is { } c && reporter.Normal) reporter.Line($"resume   from {resume.Path}: epoch {c.Epoch} of {s.Epochs}");
        var summary = new TrainSummary(s, seed, seedPicked, source, data, network);
        summary.PrintStart(reporter);

        var stored = s with { Seed = seed, Resume = null };
        void SaveCheckpoint(TrainerState state) => CheckpointStore.Save(s.EffectiveCheckpointPath, stored, fingerprint.Finish(), network, state);
        string metricName = data.Target.IsClassification ? "acc" : "r2";
        var alphas = s.Plot is not null || s.Report is not null ? new AlphaTrace(network) : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The hash of the data as read, before training can take long enough for the file to be rewritten (and no model
        // of data that changed while it was read). It ran on what the read and the encoding left idle. With no epoch to
        // run there is no checkpoint to record it in: only a report asks for it, at the end.
        if (s.Epochs > 0) fingerprint.Finish();
        else fingerprint.CheckUnchanged();
        SignalHandling.Honour(); // from here a signal stops training after the current batch, with a checkpoint
        var result = reporter.WithProgress($"training {s.Epochs} epochs", s.Epochs, progress =>
            run.Train(m =>
            {
                if (reporter.Normal && (m.Epoch > 0 || reporter.Verbose)) reporter.Line(EpochLine.Format(m, s.Epochs, metricName, reporter.Verbose));
                if (alphas is { HasAlpha: true }) alphas.Record(m.Epoch);
                progress.Report(m.Epoch);
            }, cancellation, resume?.State, SaveCheckpoint));

        if (result.StopReason == StopReason.Diverged) throw Diverged(result.Divergence!, s);

        var final = FinalMetrics(network, data, result);
        var document = ModelMapper.ToDocument(network, data.Features, data.Target, seed, summary.SettingsDocument(result), result.History);
        // The model and its companions are replaced together or not at all: a chart that finds the disk full leaves the old model.
        using (var files = AtomicFile.Together())
        {
            ModelStore.Save(s.OutPath, document);
            if (s.MetricsCsv is { } metricsPath) MetricsCsvFile.Write(metricsPath, result.History, metricName);
            if (s.Plot is { } plotPath) TrainingChart.Save(plotPath, result.History, data.Target.IsClassification ? "accuracy" : "r2", alphas?.Snapshots,
                $"{Path.GetFileName(s.DataPath)}, seed {seed}, {s.Activation} {string.Join(",", s.Hidden)}, {s.Optimizer} lr={Format.Plain(s.LearningRate)}, init={s.Init}, bias={Format.Plain(s.BiasInit)}, batch={s.BatchSize}", result.BestEpoch);
            if (s.Report is { } htmlPath)
                TrainingReport.Save(htmlPath, new TrainingReportInput(ReportIdentity.Rows(s.DataPath, seed, stored, s.ValidationFile is null ? fingerprint.Finish() : null), result.History, result.BestEpoch, data.Target.IsClassification ? "accuracy" : "r2", alphas?.Snapshots) { Causes = result.DeathCauses });
            if (result.StopReason == StopReason.Cancelled && result.State is { } last) SaveCheckpoint(last);
            files.Commit();
        }

        var verdict = DeadNeuronReport.Verdict(result.FinalDeadNeurons ?? [], result.Timeline, "training row", s.Init, result.DeathCauses);
        if (result.StopReason == StopReason.Cancelled && result.State is { } state)
            reporter.Warning($"interrupted: saved a checkpoint after epoch {state.Epoch} to {s.EffectiveCheckpointPath}; continue with: neuralnet train --resume {s.EffectiveCheckpointPath}");
        if (s.Json) reporter.Json(ReportJson.ToJson(summary.JsonReport(result, final, verdict)));
        else summary.PrintEnd(reporter, result, final, verdict, clock.Elapsed);
        return result.StopReason == StopReason.Cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    /// <summary>
    /// Reads and encodes the data and builds the network. The typed tables are local to this method: once encoded they
    /// are garbage, and one compacting collection gives their memory (and the reader's chunks) back before training.
    /// </summary>
    private static (TrainingRun Run, DataSource Source) Prepare(TrainSettings s, TrainResume? resume, long seed, DataFingerprint fingerprint)
    {
        var parser = ValueParser.ForCulture(s.Culture);
        bool wide = s.Precision == "double";
        var table = CsvTableReader.Read(s.DataPath, s.Delimiter, s.MaxFileBytes, s.Culture, wide);
        var validationTable = s.ValidationFile is null ? null : CsvTableReader.Read(s.ValidationFile, s.Delimiter, s.MaxFileBytes, s.Culture, wide);
        resume?.CheckData(s, fingerprint.Finish()); // before re-encoding: other data is named as such, not as a column mismatch
        // The one-hot columns may widen the input; the table's width is the floor, enough to refuse absurd sizes before allocating.
        OptionRules.NetworkFits(table.Columns.Count, s.Hidden, 1, Math.Min(s.BatchSize, table.RowCount), wide ? sizeof(double) : sizeof(float));
        var run = TrainingPipeline.Prepare(table, validationTable, s.ToSpec(seed),
            resume is null ? null : d => resume.Reencode(d, table, validationTable, s, parser), resume?.Model?.Network);
        return (run, new DataSource(table.Source, table.RowCount));
    }

    private static FinalMetricsDocument FinalMetrics(Network network, TrainingData data, TrainingResult result)
    {
        // The dead-neuron monitor's last pass over the training rows scored the weights kept: no second pass.
        var (loss, metric) = result.FinalTrainScore ?? network.Evaluate(data.Train, data.Target.Loss);
        (double Loss, double Metric)? val = data.Validation is { } v ? network.Evaluate(v, data.Target.Loss) : null;
        return new FinalMetricsDocument(data.Target.IsClassification ? "accuracy" : "r2", Finite(loss), Finite(metric),
            val is { } a ? Finite(a.Loss) : null, val is { } b ? Finite(b.Metric) : null);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static CliException Diverged(DivergenceInfo d, TrainSettings s)
    {
        string where = d.Layer is { } l ? $"the weights of layer {l} became non-finite" : "the outputs overflowed while the weights were still finite";
        string loss = double.IsNaN(d.Loss) ? "NaN" : "infinite";
        return new CliException(ExitCodes.Diverged,
            $"training diverged in epoch {d.Epoch}, batch {d.Batch}: the loss became {loss} and {where} (learning rate {Format.Plain(d.LearningRate)}). " +
            $"Try a lower --lr (for example {Format.Plain(d.LearningRate / 10)}), check that the inputs are on a sensible scale, or set --clip-norm 1. No files were written.");
    }
}
