using System.Collections;
using System.Globalization;
using System.Reflection;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Reporting;

namespace NeuralNet.Cli.Workflows;

/// <summary>Everything <c>neuralnet experiment</c> was asked to do.</summary>
public sealed record ExperimentSettings
{
    /// <summary>Data CSV.</summary>
    public required string DataPath { get; init; }
    /// <summary>Target column.</summary>
    public required string Target { get; init; }
    /// <summary>Hidden activations to compare.</summary>
    public required IReadOnlyList<string> Activations { get; init; }
    /// <summary>α for leaky-relu/prelu (null = their defaults).</summary>
    public double? Alpha { get; init; }
    /// <summary>Hidden-size settings to try.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Hidden { get; init; }
    /// <summary>Learning rates to try.</summary>
    public required IReadOnlyList<double> LearningRates { get; init; }
    /// <summary>Initializers to try.</summary>
    public required IReadOnlyList<string> Inits { get; init; }
    /// <summary>Hidden bias values to try.</summary>
    public required IReadOnlyList<double> BiasInits { get; init; }
    /// <summary>ReDo modes to try, one setting per mode: "off", "dead", "dormant" (as train's --recycle).</summary>
    public IReadOnlyList<string> Recycles { get; init; } = ["off"];
    /// <summary>Recycle after every N-th epoch, in every setting that recycles (as train's --recycle-every).</summary>
    public int RecycleEvery { get; init; } = 1;
    /// <summary>Seeds per setting.</summary>
    public int Seeds { get; init; } = 5;
    /// <summary>First seed (also seeds the split).</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Optimizer.</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>Epochs (0 = networks at initialization only).</summary>
    public int Epochs { get; init; } = 50;
    /// <summary>Batch size.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Validation share (0 = none: the training metric is reported); null = 0.2 (and the held-out fold with --folds).</summary>
    public double? ValidationSplit { get; init; }
    /// <summary>Stratified k-fold: every seed runs on each of K folds (validated on the fold held out); null = no folds.</summary>
    public int? Folds { get; init; }
    /// <summary>Fresh stratified hold-out splits: every seed runs on each of R splits (split r drawn from seed + r); null = one split.</summary>
    public int? Resplits { get; init; }
    /// <summary>The setting the others are compared with (a setting label or the words of one, e.g. "relu lr=0.01"); null = the first.</summary>
    public string? Baseline { get; init; }
    /// <summary>Early-stopping patience.</summary>
    public int? Patience { get; init; }
    /// <summary>Dead-neuron measurement every N epochs.</summary>
    public int DeadEvery { get; init; } = 1;
    /// <summary>Runs at once.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Task override.</summary>
    public string Task { get; init; } = "auto";
    /// <summary>Columns to drop.</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];
    /// <summary>CSV delimiter (null = detect).</summary>
    public char? Delimiter { get; init; }
    /// <summary>CSV files larger than this are refused before reading (--max-file-size).</summary>
    public long MaxFileBytes { get; init; } = CsvTableReader.DefaultMaxBytes;
    /// <summary>Number culture.</summary>
    public string? Culture { get; init; }
    /// <summary>Missing-value policy.</summary>
    public MissingPolicy Missing { get; init; } = MissingPolicy.Error;
    /// <summary>Numeric feature scaling of every run (as train's --scale): "standard", "minmax" or "none".</summary>
    public string Scaling { get; init; } = FeatureScaling.StandardName;
    /// <summary>Per-run results CSV.</summary>
    public string? OutCsv { get; init; }
    /// <summary>Markdown file for the summary table, or null.</summary>
    public string? Markdown { get; init; }
    /// <summary>LaTeX file for the summary table, or null.</summary>
    public string? Latex { get; init; }
    /// <summary>Per-run results JSON.</summary>
    public string? OutJson { get; init; }
    /// <summary>PNG chart.</summary>
    public string? Plot { get; init; }
    /// <summary>Self-contained interactive HTML report of the grid, or null.</summary>
    public string? Report { get; init; }
    /// <summary>The JSON Lines results file each finished run is appended to, or null (a default name when sharded).</summary>
    public string? Results { get; init; }
    /// <summary>"K/N" (or "N" with the index from the scheduler's environment), or null.</summary>
    public string? Shard { get; init; }
    /// <summary>A results file to continue: only its missing runs are run, and appended to it.</summary>
    public string? Resume { get; init; }

    /// <summary>Weight decay λ of every run (as train's --weight-decay).</summary>
    public double WeightDecay { get; init; }
    /// <summary>Loss of every run, "auto" to infer it from the task (as train's --loss).</summary>
    public string Loss { get; init; } = "auto";
    /// <summary>Output activation of every run, "auto" to infer it from the loss (as train's --output).</summary>
    public string Output { get; init; } = "auto";
    /// <summary>Dormant-unit threshold τ of every run's statistics and of --recycle dormant (as train's --dormant-tau).</summary>
    public double DormantTau { get; init; } = Core.Diagnostics.DeadNeuronOptions.DefaultDormantTau;
    /// <summary>Global gradient-norm clip of every run, or null (as train's --clip-norm).</summary>
    public double? ClipNorm { get; init; }
    /// <summary>"float" or "double" (as train's --precision).</summary>
    public string Precision { get; init; } = "float";
    /// <summary>prelu: "layer" (one α per layer) or "unit" (as train's --prelu-mode).</summary>
    public string PreluMode { get; init; } = "layer";
    /// <summary>Validate on this CSV file instead of a split, or null (as train's --validation-file).</summary>
    public string? ValidationFile { get; init; }
    /// <summary>How much to print (--quiet, --verbose).</summary>
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    /// <summary>The table and per-run outputs to write.</summary>
    public ExperimentOutputPaths Outputs => new(OutCsv, OutJson, Plot, Markdown, Latex);

    /// <summary>The validation share in effect (0.2 unless given; 0 with folds, whose held-out fold validates).</summary>
    public double EffectiveValidationSplit => Folds is not null || ValidationFile is not null ? 0 : ValidationSplit ?? 0.2;

    /// <summary>
    /// The spec every run starts from: what <c>train</c> trains with the same options (the grid then sets activation,
    /// sizes, learning rate, initializer, bias, recycling, seed and data sample).
    /// </summary>
    public TrainingSpec Template() => new()
    {
        Target = Target, Hidden = Hidden[0], Activation = Activations[0], Alpha = Alpha, Optimizer = Optimizer,
        LearningRate = LearningRates[0], WeightDecay = WeightDecay, BatchSize = BatchSize, Epochs = Epochs, Init = Inits[0],
        BiasInit = BiasInits[0], ValidationSplit = EffectiveValidationSplit, Patience = Patience, Seed = Seed, DeadEvery = DeadEvery,
        Task = Task, Drop = Drop, Missing = Missing, Scaling = Scaling, Culture = Culture, ClipNorm = ClipNorm,
        // "auto" is the spec's null, so a grid with the defaults keeps the identity (grid hash) it had before these options.
        Loss = Loss == "auto" ? null : Loss, Output = Output == "auto" ? null : Output, DormantTau = DormantTau,
        Precision = Precision, PreluPerUnit = PreluMode == "unit",
        Recycle = RecycleModes[0], RecycleEvery = RecycleEvery,
    };

    /// <summary>The grid of runs these settings describe (expanded by <see cref="ExperimentGrid.Expand"/> from <see cref="Template"/>).</summary>
    public ExperimentGrid Grid() => new(Activations.Select(a => (a, a is "leaky-relu" or "prelu" ? Alpha : null)).ToList(),
        Hidden, LearningRates, Inits, BiasInits, Seeds, Seed, ExperimentGrid.SamplesOf(Folds, Resplits, EffectiveValidationSplit, Seed), RecycleModes);

    /// <summary>Data samples per seed: the folds, the re-splits, or the one split.</summary>
    public int SamplesPerSeed() => Folds ?? Resplits ?? 1;

    /// <summary>
    /// How many runs <see cref="Grid"/> expands to, counted from its axes without building it (a grid of
    /// <c>--seeds 2147483647</c> would not fit as a list); a double, as the product can pass int's range.
    /// </summary>
    public double RunCount()
        => (double)Activations.Count * Math.Max(1, Hidden.Count) * Math.Max(1, LearningRates.Count) * Math.Max(1, Inits.Count)
           * Math.Max(1, BiasInits.Count) * Math.Max(1, Recycles.Count) * Seeds * SamplesPerSeed();

    /// <summary>The ReDo modes of <see cref="Recycles"/>, read by train's rule.</summary>
    public IReadOnlyList<RecycleMode> RecycleModes => Recycles.Select(OptionRules.RecycleMode).ToList();

    /// <summary>
    /// Every setting that shapes the runs, by name: each public property except the files written, where the data
    /// lives (its hash stands for it), the thread count, the shard and how much is printed, which do not change a run. A new setting is
    /// part of the experiment's identity without touching this.
    /// </summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        string[] excluded = [nameof(DataPath), nameof(Threads), nameof(MaxFileBytes), nameof(OutCsv), nameof(Markdown), nameof(Latex), nameof(OutJson),
            nameof(Plot), nameof(Report), nameof(Results), nameof(Shard), nameof(Resume), nameof(Outputs), nameof(Baseline), nameof(ValidationSplit),
            nameof(Verbosity), nameof(RecycleModes)];
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (!excluded.Contains(p.Name)) settings[p.Name] = Show(p.GetValue(this));
        return settings;
    }

    private static string Show(object? value) => value switch
    {
        null => "none",
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}
