using NeuralNet.Core.Models;
using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Cli.Commands;

/// <summary><c>neuralnet train DATA.csv --target COL [options]</c>: option definitions and their mapping to <see cref="TrainSettings"/>.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var data = new Argument<string?>("data") { Description = "Training data: a CSV file with a header row (with --resume CHECKPOINT: the stored path)", Arity = ArgumentArity.ZeroOrOne };
        var target = new Option<string?>("--target", "-t") { Description = "The column to predict (required unless resuming a checkpoint)" };
        var resume = new Option<string?>("--resume") { Description = "Continue from a checkpoint (same settings and data, bit-identical result) or from a model file's weights (fresh optimizer)" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Save a checkpoint every N epochs (atomically); one is always saved when interrupted (Ctrl-C, SIGTERM)", DefaultValueFactory = _ => 0 };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file [default: the --out path with .checkpoint.json]" };
        var hidden = new Option<string[]>("--hidden")
        {
            Description = "Hidden layer sizes, e.g. 64,32 or 64 32; 'none' for a linear model [default: 64,32]",
            AllowMultipleArgumentsPerToken = true,
        };
        string[] hiddenActivations = ActivationRegistry.Names.Where(n => n != "identity").ToArray();
        var activation = new Option<string>("--activation", "-a")
        {
            Description = $"Hidden activation ({string.Join(", ", hiddenActivations)}): one for every hidden layer, or one per layer from the first, e.g. relu,prelu",
            HelpName = "name[,name…]",
            DefaultValueFactory = _ => "relu",
        };
        activation.CompletionSources.Add(hiddenActivations);
        activation.Validators.Add(result =>
        {
            foreach (var name in (result.GetValueOrDefault<string>() ?? "").Split(',', StringSplitOptions.TrimEntries))
                if (!hiddenActivations.Contains(name))
                    result.AddError($"--activation: unknown activation '{name}'{DidYouMean.Hint(name, hiddenActivations)}; expected one of {string.Join(", ", hiddenActivations)}, or a list such as relu,prelu");
        });
        var alpha = new Option<double?>("--alpha") { Description = "leaky-relu: negative slope (default 0.01); prelu: initial α (default 0.25)" };
        var preluMode = new Option<string>("--prelu-mode") { Description = "prelu: one α per layer or one per unit", DefaultValueFactory = _ => "layer" }
            .AcceptOnlyFromAmong("layer", "unit");
        var loss = common.Loss;
        var output = common.Output;
        var optimizer = new Option<string>("--optimizer") { Description = "Optimizer (momentum and nesterov use μ = 0.9)", DefaultValueFactory = _ => "adam" }
            .AcceptOnlyFromAmong(OptimizerRegistry.Names.ToArray());
        var lr = new Option<double>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 0.001 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "Weight decay λ (L2; decoupled for adamw)", DefaultValueFactory = _ => 0 };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per mini-batch", DefaultValueFactory = _ => 32 };
        var epochs = new Option<int>("--epochs", "-e") { Description = "Passes over the training data; 0 evaluates the initial network", DefaultValueFactory = _ => 200 };
        var init = new Option<string>("--init") { Description = "Weight initializer", DefaultValueFactory = _ => "he-normal" }
            .AcceptOnlyFromAmong(InitializerRegistry.Names.ToArray());
        var biasInit = new Option<double>("--bias-init") { Description = "Initial bias of the hidden units", DefaultValueFactory = _ => 0 };
        var validationSplit = new Option<double?>("--validation-split") { Description = "Share of rows held out for validation, shuffled with the seed and stratified by class (scikit-learn style) [default: 0.2]" };
        var validationFile = new Option<string?>("--validation-file") { Description = "Validate on this CSV file instead of a split" };
        var patience = new Option<int?>("--patience") { Description = "Stop after this many epochs without improvement of val_loss (or loss); the best weights are restored [default: off]" };
        var seed = new Option<long?>("--seed", "-s") { Description = "Seed for the split, initialization and shuffling [default: picked at random, printed and stored]" };
        var outPath = new Option<string>("--out", "-o") { Description = "Model file to write", DefaultValueFactory = _ => "model.json" };
        var metricsCsv = new Option<string?>("--metrics-csv") { Description = "Write one row of metrics per epoch to this CSV file" };
        var plot = new Option<string?>("--plot") { Description = "Write a PNG chart: loss and the validation metric per epoch, and dead units per hidden layer per epoch" };
        var report = new Option<string?>("--report") { Description = "Write a self-contained interactive HTML report: curves, dead/inactive/near-dead shares, per-unit activity, death timeline, PReLU α" };
        var json = new Option<bool>("--json") { Description = "Print the whole report as JSON on stdout (for scripts)" };
        var deadEvery = new Option<int>("--dead-every") { Description = "Measure dead neurons every N epochs (one extra pass over the training rows); 0 = only at the start and the end", DefaultValueFactory = _ => 1 };
        var dormantTau = common.DormantTau;
        var recycle = new Option<string>("--recycle") { Description = "ReDo (Sokar et al. 2023): redraw the incoming weights and bias of dead or τ-dormant units, zero their outgoing weights, reset their optimizer state", DefaultValueFactory = _ => "off" };
        var recycleEvery = new Option<int>("--recycle-every") { Description = "Recycle after every N-th epoch", DefaultValueFactory = _ => 1 };
        var task = new Option<string>("--task") { Description = "Task; auto infers it: text labels or at most 20 distinct integers are classification, other numbers regression", DefaultValueFactory = _ => "auto" }
            .AcceptOnlyFromAmong("auto", "classification", "regression");
        var drop = new Option<string[]>("--drop") { Description = "Columns to leave out, e.g. --drop id,name", AllowMultipleArgumentsPerToken = true };
        var precision = new Option<string>("--precision") { Description = "Floating-point precision of training", DefaultValueFactory = _ => "float" }
            .AcceptOnlyFromAmong("float", "double");
        var clipNorm = new Option<double?>("--clip-norm") { Description = "Clip the global gradient norm to this value [default: off]" };

        var command = new Command("train", "Train a network on a CSV file, print one line per epoch and the dead-neuron report, and save the model.")
        {
            data, target, hidden, activation, alpha, preluMode, loss, output, optimizer, lr, weightDecay, batchSize, epochs, init, biasInit,
            validationSplit, validationFile, patience, seed, outPath, metricsCsv, plot, report, json, deadEvery, dormantTau, task, drop, precision, clipNorm,
            resume, checkpointEvery, checkpoint, recycle, recycleEvery,
        };
        command.Options.Add(common.Scale);
        common.AddCsvOptions(command);
        common.AddVerbosityOptions(command);
        command.SetAction(r =>
        {
            bool asJson = r.GetValue(json);
            var settings = new TrainSettings
            {
                DataPath = r.GetValue(data) ?? "",
                Target = r.GetValue(target) ?? "",
                Hidden = ParseHidden(r.GetValue(hidden)),
                Activation = r.GetValue(activation)!,
                Alpha = r.GetValue(alpha),
                PreluMode = r.GetValue(preluMode)!,
                Loss = r.GetValue(loss),
                Output = r.GetValue(output),
                Optimizer = r.GetValue(optimizer)!,
                LearningRate = r.GetValue(lr),
                WeightDecay = r.GetValue(weightDecay),
                BatchSize = r.GetValue(batchSize),
                Epochs = r.GetValue(epochs),
                Init = r.GetValue(init)!,
                BiasInit = r.GetValue(biasInit),
                ValidationSplit = r.GetValue(validationSplit),
                ValidationFile = r.GetValue(validationFile),
                Patience = r.GetValue(patience),
                Seed = r.GetValue(seed),
                OutPath = r.GetValue(outPath)!,
                MetricsCsv = r.GetValue(metricsCsv),
                Plot = r.GetValue(plot),
                Report = r.GetValue(report),
                Verbosity = asJson ? Verbosity.Quiet : common.GetVerbosity(r),
                Json = asJson,
                DeadEvery = r.GetValue(deadEvery),
                DormantTau = r.GetValue(dormantTau),
                Recycle = r.GetValue(recycle)!,
                RecycleEvery = r.GetValue(recycleEvery),
                Task = r.GetValue(task)!,
                Drop = CommonOptions.SplitList(r.GetValue(drop)),
                Delimiter = common.GetDelimiter(r),
                MaxFileBytes = common.GetMaxFileBytes(r),
                Culture = r.GetValue(common.Culture),
                Missing = common.GetMissing(r),
                Scaling = r.GetValue(common.Scale)!,
                Precision = r.GetValue(precision)!,
                ClipNorm = r.GetValue(clipNorm),
                Resume = r.GetValue(resume),
                CheckpointEvery = r.GetValue(checkpointEvery),
                CheckpointPath = r.GetValue(checkpoint),
            };
            bool fromCheckpoint = settings.Resume is { } from && Persistence.CheckpointStore.IsCheckpoint(from);
            if (fromCheckpoint)
            {
                // A checkpoint carries its settings; only where the results go and how long to train may change.
                Option[] allowed = [target, epochs, outPath, checkpointEvery, checkpoint, resume, metricsCsv, plot, report, json, common.Quiet, common.Verbose, common.MaxFileSize];
                var changed = command.Options.Where(o => !allowed.Contains(o) && r.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (changed.Count > 0)
                    throw CliException.Usage($"{string.Join(", ", changed)} cannot be changed when resuming a checkpoint (its stored settings are used); only --epochs, --out, --checkpoint-every, --checkpoint and output options may be given");
                var stored = Persistence.CheckpointStore.Load(settings.Resume!).Settings;
                if (settings.Target.Length > 0 && settings.Target != stored.Target)
                    throw CliException.Usage($"--target {settings.Target} differs from the checkpoint's target '{stored.Target}'");
                settings = stored with
                {
                    DataPath = settings.DataPath.Length > 0 ? settings.DataPath : stored.DataPath,
                    Resume = settings.Resume,
                    Epochs = Given(r, epochs) ? settings.Epochs : stored.Epochs,
                    OutPath = Given(r, outPath) ? settings.OutPath : stored.OutPath,
                    CheckpointEvery = Given(r, checkpointEvery) ? settings.CheckpointEvery : stored.CheckpointEvery,
                    CheckpointPath = Given(r, checkpoint) ? settings.CheckpointPath : stored.CheckpointPath,
                    MetricsCsv = settings.MetricsCsv, Plot = settings.Plot, Report = settings.Report, Json = settings.Json, Verbosity = settings.Verbosity,
                    MaxFileBytes = settings.MaxFileBytes,
                };
            }
            else if (settings.Resume is { } modelPath && File.Exists(modelPath))
            {
                // A model file brings its network and encodings; options that would shape them cannot apply, so say so
                // (--hidden and --activation may repeat what the model already has).
                var model = ModelStore.Load(modelPath);
                var modelHidden = model.Layers.Take(model.Layers.Count - 1).Select(l => l.Units).ToList();
                var modelActivations = model.Layers.SkipLast(1).Select(l => l.Activation).ToList();
                Option[] shaping = [hidden, activation, alpha, preluMode, output, init, biasInit, precision, loss, task, drop, common.Scale];
                var ignored = shaping.Where(o => Given(r, o)
                        && !(o == hidden && settings.Hidden.SequenceEqual(modelHidden))
                        && !(o == activation && SameActivations(settings.Activation, modelActivations)))
                    .Select(o => o.Name).ToList();
                if (ignored.Count > 0)
                    throw CliException.Usage($"{string.Join(", ", ignored)} cannot apply when resuming from a model file (its architecture and encodings are used); leave them out, or train a new model without --resume");
            }
            if (!fromCheckpoint && (settings.DataPath.Length == 0 || settings.Target.Length == 0))
                throw CliException.Usage("train needs a data file and --target (or --resume CHECKPOINT)");
            if (string.IsNullOrWhiteSpace(settings.DataPath)) // an edited checkpoint that names no data file
                throw CliException.BadData($"{settings.Resume}: the checkpoint names no data file; give it: neuralnet train DATA --resume {settings.Resume}");
            // With --json, stdout carries only the JSON document.
            var reporter = new Reporter(context.Output, context.Error, settings.Verbosity, context.Interactive && !asJson, context.ProgressWriter);
            return TrainWorkflow.Run(settings, reporter, context.Cancellation);
        });
        return command;
    }

    private static bool Given(ParseResult r, Option option) => r.GetResult(option) is { Implicit: false };

    // "relu" matches a relu-relu network, "relu,prelu" only a relu-prelu one.
    private static bool SameActivations(string given, IReadOnlyList<string> model)
    {
        var names = given.Split(',', StringSplitOptions.TrimEntries);
        return names.Length == 1 ? model.All(m => m == names[0]) : names.SequenceEqual(model);
    }

    private static IReadOnlyList<int> ParseHidden(string[]? values)
    {
        var parts = CommonOptions.SplitList(values);
        if (parts.Count == 0) return [64, 32];
        if (parts is ["none"] or ["0"]) return [];
        return parts.Select(p => int.TryParse(p, out int n) && n > 0
            ? n
            : throw CliException.Usage($"--hidden expects positive layer sizes such as 64,32 (or 'none'); received '{string.Join(",", parts)}'")).ToList();
    }
}
