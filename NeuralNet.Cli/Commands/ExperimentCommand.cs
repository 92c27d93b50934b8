using System.Globalization;
using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Cli.Commands;

/// <summary><c>neuralnet experiment DATA.csv --target COL --activation relu,leaky-relu,prelu --seeds 5 [grid options]</c>.</summary>
internal static class ExperimentCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var data = new Argument<string>("data") { Description = "Data: a CSV file with a header row" };
        var target = new Option<string>("--target", "-t") { Description = "The column to predict", Required = true };
        var activations = new Option<string[]>("--activation", "-a") { Description = "Hidden activations to compare, e.g. relu,prelu [default: relu,leaky-relu,prelu]", AllowMultipleArgumentsPerToken = true };
        // The name before train, bench and experiment agreed on --activation; still accepted, no longer shown.
        var activationsOld = new Option<string[]>("--activations") { Hidden = true, AllowMultipleArgumentsPerToken = true };
        var alpha = new Option<double?>("--alpha") { Description = "leaky-relu slope / prelu initial α [default: 0.01 / 0.25]" };
        var hidden = new Option<string[]>("--hidden") { Description = "Hidden sizes to try, one setting per value: --hidden 64,32 16 tries [64,32] and [16] [default: 64,32]", AllowMultipleArgumentsPerToken = true };
        var lr = new Option<string[]>("--lr") { Description = "Learning rates to try, e.g. --lr 0.001,0.01 [default: 0.001]", AllowMultipleArgumentsPerToken = true };
        var init = new Option<string[]>("--init") { Description = "Initializers to try, e.g. he-normal,rai [default: he-normal]", AllowMultipleArgumentsPerToken = true };
        var biasInit = new Option<string[]>("--bias-init") { Description = "Initial hidden biases to try, e.g. 0,-2 [default: 0]", AllowMultipleArgumentsPerToken = true };
        var recycle = new Option<string[]>("--recycle") { Description = "ReDo modes to compare, one setting per mode (as in train: off, also spelt none; dead; dormant), e.g. --recycle off,dead [default: off]", AllowMultipleArgumentsPerToken = true };
        var recycleEvery = new Option<int>("--recycle-every") { Description = "Recycle after every N-th epoch, in the settings that recycle", DefaultValueFactory = _ => 1 };
        var seeds = new Option<int>("--seeds") { Description = "How many seeds per setting (a count: the runs use --seed, --seed+1, …)", HelpName = "count", DefaultValueFactory = _ => 5 };
        var seed = new Option<long>("--seed", "-s") { Description = "First seed (runs use seed, seed+1, ...); also seeds the split", DefaultValueFactory = _ => 1 };
        var optimizer = new Option<string>("--optimizer") { Description = "Optimizer", DefaultValueFactory = _ => "adam" }.AcceptOnlyFromAmong(OptimizerRegistry.Names.ToArray());
        var epochs = new Option<int>("--epochs", "-e") { Description = "Epochs per run; 0 = the networks at initialization (born-dead studies)", DefaultValueFactory = _ => 50 };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per mini-batch", DefaultValueFactory = _ => 32 };
        var validationSplit = new Option<double?>("--validation-split") { Description = "Share held out for validation (stratified, drawn from --seed as train draws it); 0 = report the training metric [default: 0.2]" };
        var folds = new Option<int?>("--folds") { Description = "Stratified k-fold: every seed runs on each of K folds, validated on the fold held out (folds drawn from --seed)" };
        var resplits = new Option<int?>("--resplits") { Description = "Every seed runs on each of R fresh stratified splits (split r is the one train --seed SEED+r holds out)" };
        var baseline = new Option<string?>("--baseline") { Description = "The setting the others are compared with (paired t-test and Wilcoxon, Holm-adjusted): a label or its words, e.g. \"relu lr=0.01\" [default: the first]" };
        var patience = new Option<int?>("--patience") { Description = "Early-stopping patience (best weights restored) [default: off]" };
        var deadEvery = new Option<int>("--dead-every") { Description = "Measure dead neurons every N epochs; 0 = only at the start and the end (as in train)", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Runs at once (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var task = new Option<string>("--task") { Description = "Task; auto infers it from the target column", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong("auto", "classification", "regression");
        var drop = new Option<string[]>("--drop") { Description = "Columns to leave out", AllowMultipleArgumentsPerToken = true };
        // As in train; the training options reach each run through its TrainingSpec.
        var weightDecay = new Option<double>("--weight-decay") { Description = "Weight decay λ (L2; decoupled for adamw)", DefaultValueFactory = _ => 0 };
        var clipNorm = new Option<double?>("--clip-norm") { Description = "Clip the global gradient norm to this value [default: off]" };
        var precision = new Option<string>("--precision") { Description = "Floating-point precision of training", DefaultValueFactory = _ => "float" }.AcceptOnlyFromAmong("float", "double");
        var preluMode = new Option<string>("--prelu-mode") { Description = "prelu: one α per layer or one per unit", DefaultValueFactory = _ => "layer" }.AcceptOnlyFromAmong("layer", "unit");
        var validationFile = new Option<string?>("--validation-file") { Description = "Validate on this CSV file instead of a split", HelpName = "file" };
        var (outCsv, outJson, plot, markdown, latex) = OutputOptions();
        var report = new Option<string?>("--report") { Description = "Write a self-contained interactive HTML report: learning curves per setting (mean with a band), dead/inactive share per setting" };
        var results = new Option<string?>("--results") { Description = "Append each finished run to this JSON Lines file as it finishes (default with --shard: results-K-of-N.jsonl)" };
        var shard = new Option<string?>("--shard") { Description = "Run shard K of N (K/N, 0 ≤ K < N); K may come from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (then give N)" };
        var resume = new Option<string?>("--resume") { Description = "Continue a results file: run only its missing runs (same grid and data required)" };
        var command = new Command("experiment", "Train the same network over a grid of activations, learning rates, sizes, initializers, biases, recycling modes and seeds, and compare metrics and dead neurons.")
        {
            data, target, activations, alpha, hidden, lr, init, biasInit, recycle, recycleEvery, seeds, seed, optimizer, epochs, batchSize, validationSplit,
            folds, resplits, baseline,
            patience, deadEvery, threads, task, drop, weightDecay, clipNorm, precision, preluMode, validationFile,
            outCsv, outJson, plot, markdown, latex, report, results, shard, resume, activationsOld,
        };
        command.Subcommands.Add(MergeCommand(context));
        command.Options.Add(common.Loss);
        command.Options.Add(common.Output);
        command.Options.Add(common.DormantTau);
        command.Options.Add(common.Scale);
        common.AddCsvOptions(command);
        common.AddVerbosityOptions(command, "Print more: one line per run as it finishes (setting, seed, metric, dead units, best epoch)");
        command.SetAction(r =>
        {
            var names = CommonOptions.SplitList([.. r.GetValue(activations) ?? [], .. r.GetValue(activationsOld) ?? []]);
            foreach (var n in names)
                if (!ActivationRegistry.IsKnown(n)) throw CliException.Usage($"--activation: unknown activation '{n}'; expected some of: {string.Join(", ", ActivationRegistry.Names)}");
            var inits = CommonOptions.SplitList(r.GetValue(init));
            foreach (var n in inits)
                if (!InitializerRegistry.Names.Contains(n)) throw CliException.Usage($"--init: unknown initializer '{n}'; expected some of: {string.Join(", ", InitializerRegistry.Names)}");
            // Checked here by train's rule, and each mode kept by its one name, so that none,dead and off,dead are the same grid.
            var recycles = CommonOptions.SplitList(r.GetValue(recycle)).Select(m => OptionRules.RecycleMode(m).ToString().ToLowerInvariant()).ToList();
            var settings = new ExperimentSettings
            {
                DataPath = r.GetValue(data)!,
                Target = r.GetValue(target)!,
                Activations = names.Count > 0 ? names : ["relu", "leaky-relu", "prelu"],
                Alpha = r.GetValue(alpha),
                Hidden = ParseHidden(r.GetValue(hidden)),
                LearningRates = Numbers(r.GetValue(lr), "--lr", [0.001]),
                Inits = inits.Count > 0 ? inits : ["he-normal"],
                BiasInits = Numbers(r.GetValue(biasInit), "--bias-init", [0.0]),
                Recycles = recycles.Count > 0 ? recycles : ["off"],
                RecycleEvery = r.GetValue(recycleEvery),
                Seeds = r.GetValue(seeds),
                Seed = r.GetValue(seed),
                Optimizer = r.GetValue(optimizer)!,
                Epochs = r.GetValue(epochs),
                BatchSize = r.GetValue(batchSize),
                ValidationSplit = r.GetValue(validationSplit),
                Folds = r.GetValue(folds),
                Resplits = r.GetValue(resplits),
                Baseline = r.GetValue(baseline),
                Patience = r.GetValue(patience),
                DeadEvery = r.GetValue(deadEvery),
                Threads = r.GetValue(threads),
                Task = r.GetValue(task)!,
                Drop = CommonOptions.SplitList(r.GetValue(drop)),
                Delimiter = common.GetDelimiter(r),
                MaxFileBytes = common.GetMaxFileBytes(r),
                Culture = r.GetValue(common.Culture),
                Missing = common.GetMissing(r),
                Scaling = r.GetValue(common.Scale)!,
                OutCsv = r.GetValue(outCsv),
                Markdown = r.GetValue(markdown),
                Latex = r.GetValue(latex),
                OutJson = r.GetValue(outJson),
                Plot = r.GetValue(plot),
                Results = r.GetValue(results),
                Shard = r.GetValue(shard),
                Resume = r.GetValue(resume),
                Report = r.GetValue(report),
                WeightDecay = r.GetValue(weightDecay),
                Loss = r.GetValue(common.Loss)!,
                Output = r.GetValue(common.Output)!,
                DormantTau = r.GetValue(common.DormantTau),
                ClipNorm = r.GetValue(clipNorm),
                Precision = r.GetValue(precision)!,
                PreluMode = r.GetValue(preluMode)!,
                ValidationFile = r.GetValue(validationFile),
                Verbosity = common.GetVerbosity(r),
            };
            var reporter = new Reporter(context.Output, context.Error, settings.Verbosity, context.Interactive, context.ProgressWriter);
            return ExperimentWorkflow.Run(settings, reporter, context.Cancellation);
        });
        return command;
    }

    /// <summary><c>experiment merge FILES… [--results F] [--out-csv …]</c>: shards' results into one table and set of outputs.</summary>
    private static Command MergeCommand(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "The shards' results files (JSON Lines)", Arity = ArgumentArity.OneOrMore };
        var (outCsv, outJson, plot, markdown, latex) = OutputOptions();
        var results = new Option<string?>("--results") { Description = "Write the merged results file (the bytes one unsharded run writes)" };
        var baseline = new Option<string?>("--baseline") { Description = "The setting the others are compared with [default: the first]" };
        var command = new Command("merge", "Merge the results files of an experiment's shards into the table and outputs one unsharded run gives.")
        {
            files, results, baseline, outCsv, outJson, plot, markdown, latex,
        };
        command.SetAction(r => ExperimentMergeWorkflow.Run(r.GetValue(files) ?? [], r.GetValue(results),
            new ExperimentOutputPaths(r.GetValue(outCsv), r.GetValue(outJson), r.GetValue(plot), r.GetValue(markdown), r.GetValue(latex)),
            new Reporter(context.Output, context.Error, Verbosity.Normal, context.Interactive), r.GetValue(baseline)));
        return command;
    }

    private static (Option<string?> OutCsv, Option<string?> OutJson, Option<string?> Plot, Option<string?> Markdown, Option<string?> Latex) OutputOptions() => (
        new Option<string?>("--out-csv") { Description = "Write every run's results to this CSV file" },
        new Option<string?>("--out-json") { Description = "Write every run's results (with per-epoch curves) to this JSON file" },
        new Option<string?>("--plot") { Description = "Write a PNG chart: dead share per epoch per activation, final metric per setting" },
        new Option<string?>("--markdown") { Description = "Write the summary table as a markdown table to this file" },
        new Option<string?>("--latex") { Description = "Write the summary table as a LaTeX tabular (booktabs) to this file" });

    private static IReadOnlyList<IReadOnlyList<int>> ParseHidden(string[]? values)
    {
        if (values is null || values.Length == 0) return [[64, 32]];
        return values.Select(v => v is "none" ? (IReadOnlyList<int>)[] : v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, out int n) && n > 0 ? n : throw CliException.Usage($"--hidden expects layer sizes such as 64,32; received '{v}'"))
            .ToList()).ToList();
    }

    private static IReadOnlyList<double> Numbers(string[]? values, string option, IReadOnlyList<double> fallback)
    {
        var parts = CommonOptions.SplitList(values);
        if (parts.Count == 0) return fallback;
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            ? d : throw CliException.Usage($"{option} expects numbers such as {(option == "--lr" ? "0.001,0.01" : "0,-2")}; received '{p}'")).ToList();
    }
}
