using NeuralNet.Core.Training;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Reporting;

namespace NeuralNet.Cli.Workflows;

/// <summary>Everything <c>neuralnet train</c> was asked to do (parsed by Commands/TrainCommand; defaults documented there).</summary>
public sealed record TrainSettings
{
    /// <summary>Training CSV.</summary>
    public required string DataPath { get; init; }
    /// <summary>Target column.</summary>
    public required string Target { get; init; }
    /// <summary>Hidden layer sizes.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [64, 32];
    /// <summary>Hidden activation.</summary>
    public string Activation { get; init; } = "relu";
    /// <summary>LeakyReLU slope or PReLU initial α.</summary>
    public double? Alpha { get; init; }
    /// <summary>"layer" (one α per layer) or "unit".</summary>
    public string PreluMode { get; init; } = "layer";
    /// <summary>Loss, or null/"auto" to infer.</summary>
    public string? Loss { get; init; }
    /// <summary>Output activation, or null/"auto" to infer.</summary>
    public string? Output { get; init; }
    /// <summary>Optimizer.</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 0.001;
    /// <summary>Weight decay.</summary>
    public double WeightDecay { get; init; }
    /// <summary>Batch size.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Epochs (0 evaluates the initial network).</summary>
    public int Epochs { get; init; } = 200;
    /// <summary>Weight initializer.</summary>
    public string Init { get; init; } = "he-normal";
    /// <summary>Initial hidden bias.</summary>
    public double BiasInit { get; init; }
    /// <summary>Validation share; null for the default (0.2, or none with a validation file).</summary>
    public double? ValidationSplit { get; init; }

    /// <summary>The validation share in effect: 0 with a validation file, else the given share or 0.2.</summary>
    public double EffectiveValidationSplit => ValidationFile is not null ? 0 : ValidationSplit ?? 0.2;
    /// <summary>Validation CSV (replaces the split).</summary>
    public string? ValidationFile { get; init; }
    /// <summary>Early-stopping patience.</summary>
    public int? Patience { get; init; }
    /// <summary>Seed, or null to pick one.</summary>
    public long? Seed { get; init; }
    /// <summary>Model output path.</summary>
    public string OutPath { get; init; } = "model.json";
    /// <summary>Per-epoch metrics CSV, or null.</summary>
    public string? MetricsCsv { get; init; }
    /// <summary>PNG chart of loss, metric and dead units per epoch.</summary>
    public string? Plot { get; init; }
    /// <summary>Self-contained interactive HTML report of the run, or null.</summary>
    public string? Report { get; init; }
    /// <summary>How much to print.</summary>
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;
    /// <summary>Print the report as JSON.</summary>
    public bool Json { get; init; }
    /// <summary>Measure dead neurons every N epochs (0 = only at the start and the end).</summary>
    public int DeadEvery { get; init; } = 1;
    /// <summary>τ of the dormant score: a unit with E|h| ≤ τ × the layer's mean E|h| is dormant.</summary>
    public double DormantTau { get; init; } = Core.Diagnostics.DeadNeuronOptions.DefaultDormantTau;
    /// <summary>ReDo: "off", "dead" or "dormant".</summary>
    public string Recycle { get; init; } = "off";
    /// <summary>Recycle after every N-th epoch.</summary>
    public int RecycleEvery { get; init; } = 1;
    /// <summary>"auto", "classification" or "regression".</summary>
    public string Task { get; init; } = "auto";
    /// <summary>Columns to leave out.</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];
    /// <summary>CSV delimiter, or null to detect.</summary>
    public char? Delimiter { get; init; }
    /// <summary>CSV files larger than this are refused before reading (--max-file-size).</summary>
    public long MaxFileBytes { get; init; } = CsvTableReader.DefaultMaxBytes;
    /// <summary>Culture for numbers.</summary>
    public string? Culture { get; init; }
    /// <summary>Missing-value policy.</summary>
    public MissingPolicy Missing { get; init; } = MissingPolicy.Error;
    /// <summary>Numeric feature scaling: "standard", "minmax" or "none" (--scale).</summary>
    public string Scaling { get; init; } = FeatureScaling.StandardName;
    /// <summary>"float" or "double".</summary>
    public string Precision { get; init; } = "float";
    /// <summary>Continue from this checkpoint or model file (--resume), or null.</summary>
    public string? Resume { get; init; }
    /// <summary>Save a checkpoint every N epochs (0 = only when interrupted).</summary>
    public int CheckpointEvery { get; init; }
    /// <summary>Where checkpoints go; null for the model path with ".checkpoint.json".</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The checkpoint path in effect.</summary>
    public string EffectiveCheckpointPath => CheckpointPath ?? Path.ChangeExtension(OutPath, null) + ".checkpoint.json";
    /// <summary>Global gradient-norm clip, or null.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>The library's spec of this run with <paramref name="seed"/> (the options that shape the model and its training).</summary>
    public TrainingSpec ToSpec(long seed) => new()
    {
        Target = Target, Hidden = Hidden, Activation = Activation, Alpha = Alpha, PreluPerUnit = PreluMode == "unit",
        Loss = Loss, Output = Output, Optimizer = Optimizer, LearningRate = LearningRate, WeightDecay = WeightDecay,
        BatchSize = BatchSize, Epochs = Epochs, Init = Init, BiasInit = BiasInit, ValidationSplit = EffectiveValidationSplit,
        Patience = Patience, Seed = seed, DeadEvery = DeadEvery, DormantTau = DormantTau, Task = Task, Drop = Drop, Missing = Missing,
        Scaling = Scaling, Culture = Culture, Precision = Precision, ClipNorm = ClipNorm, CheckpointEvery = CheckpointEvery,
        Recycle = OptionRules.RecycleMode(Recycle), RecycleEvery = RecycleEvery,
    };
}
