using NeuralNet.Core.Data;
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
    /// <summary>Validation share (0 = none: the training metric is reported).</summary>
    public double ValidationSplit { get; init; } = 0.2;
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
}
