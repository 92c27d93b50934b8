using System.Security.Cryptography;
using NeuralNet.Cli.Charts;
using NeuralNet.Cli.Csv;
using NeuralNet.Cli.Features;
using NeuralNet.Cli.Modeling;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

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
        TrainSettingsValidator.Validate(s);
        AtomicFile.CheckWritable(s.OutPath); // fail now, not after a long training run
        if (s.MetricsCsv is { } metrics) AtomicFile.CheckWritable(metrics);
        if (s.Plot is { } plot) AtomicFile.CheckWritable(plot);
        var resume = TrainResume.Open(s);
        resume?.CheckData(s);
        bool seedPicked = s.Seed is null;
        long seed = s.Seed ?? RandomNumberGenerator.GetInt32(1, 1_000_000);
        var parser = ValueParser.ForCulture(s.Culture);
        bool wide = s.Precision == "double";
        var table = CsvTableReader.Read(s.DataPath, s.Delimiter, s.MaxFileBytes, s.Culture, wide);
        var validationTable = s.ValidationFile is null ? null : CsvTableReader.Read(s.ValidationFile, s.Delimiter, s.MaxFileBytes, s.Culture, wide);
        var rng = new Rng(seed);
        var data = TrainingDataBuilder.Build(table, new TrainingDataRequest(
            s.Target, s.Drop, s.Missing, parser, s.Task, s.EffectiveValidationSplit, validationTable, s.Loss), rng);
        if (resume is not null) data = resume.Reencode(data, table, validationTable, s, parser);

        foreach (var warning in data.Validation?.Warnings ?? []) reporter.Warning(warning);
        var spec = BuildSpec(s, data);
        var network = resume?.Model?.Network ?? Network.Create(spec, s.Precision, rng);
        if (resume?.Model is { } start) reporter.Line($"resume   from the weights of {resume.Path} (its architecture and encodings; a fresh optimizer)");
        if (resume?.Checkpoint is { } c) reporter.Line($"resume   from {resume.Path}: epoch {c.Epoch} of {s.Epochs}");
        var summary = new TrainSummary(s, seed, seedPicked, table, data, network);
        summary.PrintStart(reporter);

        var options = new TrainerOptions
        {
            Epochs = s.Epochs,
            BatchSize = s.BatchSize,
            Patience = s.Patience,
            ClipNorm = s.ClipNorm,
            // Core's Every = 0 switches measurement off; the CLI's 0 means "only at initialization and after the last epoch".
            DeadNeurons = new DeadNeuronOptions(Every: s.DeadEvery == 0 ? int.MaxValue : s.DeadEvery),
            CheckpointEvery = s.CheckpointEvery,
        };
        var stored = s with { Seed = seed, Resume = null };
        string? dataHash = null;
        void SaveCheckpoint(TrainerState state)
            => CheckpointStore.Save(s.EffectiveCheckpointPath, CheckpointStore.ToDocument(stored, dataHash ??= CheckpointStore.HashFiles(TrainResume.DataFiles(s)), state));
        var fit = new FitSettings(data.Target.Loss, s.Optimizer, s.LearningRate, s.WeightDecay, options);
        string metricName = data.Target.IsClassification ? "acc" : "r2";
        var alphas = s.Plot is not null ? new AlphaTrace(network) : null;
        var result = reporter.WithProgress($"training {s.Epochs} epochs", s.Epochs, progress =>
            network.Fit(data.Train.Features, data.Train.Targets!, data.Validation?.Features, data.Validation?.Targets, fit, rng, m =>
            {
                if (reporter.Normal && (m.Epoch > 0 || reporter.Verbose)) reporter.Line(EpochLine.Format(m, s.Epochs, metricName, reporter.Verbose));
                if (alphas is { HasAlpha: true }) alphas.Record(m.Epoch);
                progress.Report(m.Epoch);
            }, cancellation, resume?.State, SaveCheckpoint));

        if (result.StopReason == StopReason.Diverged) throw Diverged(result.Divergence!, s);

        var final = FinalMetrics(network, data);
        var document = ModelMapper.ToDocument(network, data.Features, data.Target, seed, summary.SettingsDocument(result), result.History);
        ModelStore.Save(s.OutPath, document);
        if (s.MetricsCsv is { } metricsPath) MetricsCsvFile.Write(metricsPath, result.History, metricName);
        if (s.Plot is { } plotPath) TrainingChart.Save(plotPath, result.History, data.Target.IsClassification ? "accuracy" : "r2", alphas?.Snapshots);

        var verdict = DeadNeuronReport.Verdict(result.FinalDeadNeurons ?? [], result.Timeline, "training row", s.Init);
        if (result.StopReason == StopReason.Cancelled && result.State is { } last)
        {
            SaveCheckpoint(last);
            reporter.Warning($"interrupted: saved a checkpoint after epoch {last.Epoch} to {s.EffectiveCheckpointPath}; continue with: neuralnet train --resume {s.EffectiveCheckpointPath}");
        }
        if (s.Json) reporter.Json(ModelStore.ToJson(summary.JsonReport(result, final, verdict)));
        else summary.PrintEnd(reporter, result, final, verdict);
        return result.StopReason == StopReason.Cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    private static MlpSpec BuildSpec(TrainSettings s, TrainingData data)
    {
        var hidden = new ActivationSpec(s.Activation, s.Alpha, s.Activation == "prelu" && s.PreluMode == "unit");
        return new MlpSpec(data.Train.Features.ColumnCount, s.Hidden, data.Target.Outputs, hidden,
            OutputActivationFor(s.Output, data.Target.Loss), s.Init, s.BiasInit);
    }

    /// <summary>
    /// The output layer's activation. The cross-entropy losses work on logits and apply softmax or the sigmoid
    /// themselves, so their output layer is linear; with MSE an explicit sigmoid or tanh output is allowed.
    /// </summary>
    private static ActivationSpec? OutputActivationFor(string? output, string loss)
    {
        switch (output)
        {
            case null or "auto":
                return null;
            case "softmax" when loss == TargetEncoding.SoftmaxLoss:
            case "sigmoid" when loss == TargetEncoding.BinaryLoss:
            case "identity" when loss == TargetEncoding.MseLoss:
                return null;
            case "sigmoid" or "tanh" when loss == TargetEncoding.MseLoss:
                return new ActivationSpec(output);
            default:
                throw CliException.Usage($"--output {output} does not go with --loss {loss} (softmax-cross-entropy → softmax, binary-cross-entropy → sigmoid, mse → identity, sigmoid or tanh)");
        }
    }

    private static FinalMetricsDocument FinalMetrics(Network network, TrainingData data)
    {
        var (loss, metric) = network.Evaluate(data.Train.Features, data.Train.Targets!, data.Target.Loss);
        (double Loss, double Metric)? val = data.Validation is { } v ? network.Evaluate(v.Features, v.Targets!, data.Target.Loss) : null;
        return new FinalMetricsDocument(data.Target.IsClassification ? "accuracy" : "r2", Finite(loss), Finite(metric),
            val is { } a ? Finite(a.Loss) : null, val is { } b ? Finite(b.Metric) : null);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static CliException Diverged(DivergenceInfo d, TrainSettings s)
    {
        string where = d.Layer is { } l ? $"the weights of layer {l + 1} became non-finite" : "the outputs overflowed while the weights were still finite";
        string loss = double.IsNaN(d.Loss) ? "NaN" : "infinite";
        return new CliException(ExitCodes.Diverged,
            $"training diverged in epoch {d.Epoch}, batch {d.Batch}: the loss became {loss} and {where} (learning rate {Format.Plain(d.LearningRate)}). " +
            $"Try a lower --lr (for example {Format.Plain(d.LearningRate / 10)}), check that the inputs are on a sensible scale, or set --clip-norm 1. No files were written.");
    }
}
