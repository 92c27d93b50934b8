using NeuralNet.Core.Data;

namespace NeuralNet.Core.Training;

/// <summary>
/// What to train: the data options, the network and the optimizer. The defaults are those of <c>neuralnet train</c>,
/// so <c>new TrainingSpec { Target = "species" }</c> trains what the command line trains.
/// </summary>
public sealed record TrainingSpec
{
    /// <summary>The target column.</summary>
    public required string Target { get; init; }
    /// <summary>Hidden layer sizes.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [64, 32];
    /// <summary>
    /// Hidden activation name (see <see cref="Activations.ActivationRegistry"/>) for every hidden layer, or one name per
    /// hidden layer separated by commas, layer 0 first: "relu,prelu". <see cref="Alpha"/> applies to each leaky-relu and
    /// prelu layer, <see cref="PreluPerUnit"/> to each prelu layer.
    /// </summary>
    public string Activation { get; init; } = "relu";

    /// <summary>The activation names of <see cref="Activation"/>, one per hidden layer.</summary>
    /// <exception cref="SpecException">If a name is unknown, or the count is neither 1 nor the number of hidden layers.</exception>
    public IReadOnlyList<string> HiddenActivationNames()
    {
        var names = Activation.Split(',', StringSplitOptions.TrimEntries);
        foreach (var n in names)
            if (!Activations.ActivationRegistry.IsKnown(n) || n == "identity")
                throw new SpecException($"unknown hidden activation '{n}'; expected one of {string.Join(", ", Activations.ActivationRegistry.Names.Where(x => x != "identity"))}");
        if (names.Length == 1) return Enumerable.Repeat(names[0], Hidden.Count).ToList();
        if (names.Length != Hidden.Count)
            throw new SpecException($"--activation {Activation} names {names.Length} activations for {Hidden.Count} hidden layers; give one for all, or one per layer");
        return names;
    }
    /// <summary>leaky-relu slope or initial PReLU α; null for the activation's default.</summary>
    public double? Alpha { get; init; }
    /// <summary>PReLU: one α per unit instead of one per layer.</summary>
    public bool PreluPerUnit { get; init; }
    /// <summary>Loss name, or null to pick it from the task.</summary>
    public string? Loss { get; init; }
    /// <summary>Output activation ("auto", "softmax", "sigmoid", "identity", "tanh"), or null for auto.</summary>
    public string? Output { get; init; }
    /// <summary>Optimizer name ("adam", "sgd", "momentum").</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 0.001;
    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; }
    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Epochs.</summary>
    public int Epochs { get; init; } = 200;
    /// <summary>Weight initializer name.</summary>
    public string Init { get; init; } = "he-normal";
    /// <summary>Initial hidden bias.</summary>
    public double BiasInit { get; init; }
    /// <summary>Share of rows held out for validation (0 for none); ignored with a validation table.</summary>
    public double ValidationSplit { get; init; } = 0.2;
    /// <summary>
    /// The rows to train and validate on, drawn from a seed of their own (a hold-out split or one fold of k); null to
    /// hold out <see cref="ValidationSplit"/> drawn from <see cref="Seed"/>. Ignored with a validation table.
    /// </summary>
    public DataSample? Sample { get; init; }
    /// <summary>Early-stopping patience in epochs, or null for none.</summary>
    public int? Patience { get; init; }
    /// <summary>Random seed: the same seed, data and spec give the same weights.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Measure dead neurons every this many epochs; 0 = only at initialization and after the last epoch.</summary>
    public int DeadEvery { get; init; } = 1;
    /// <summary>τ of the dormant-unit score (Sokar et al. 2023); default 0.025.</summary>
    public double DormantTau { get; init; } = Diagnostics.DeadNeuronOptions.DefaultDormantTau;
    /// <summary>"auto", "classification" or "regression".</summary>
    public string Task { get; init; } = "auto";
    /// <summary>Columns to leave out.</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];
    /// <summary>What to do with missing values.</summary>
    public MissingPolicy Missing { get; init; } = MissingPolicy.Error;
    /// <summary>
    /// How numeric features are scaled, fitted on the training split: "standard" (the default), "minmax" or "none"
    /// (see <see cref="Preprocessing.FeatureScaling"/>). Under <see cref="MissingPolicy.Mean"/> a missing number is the
    /// training mean whatever the scaling.
    /// </summary>
    public string Scaling { get; init; } = Preprocessing.FeatureScaling.StandardName;
    /// <summary>Number culture name, or null for the invariant culture.</summary>
    public string? Culture { get; init; }
    /// <summary>"float" or "double".</summary>
    public string Precision { get; init; } = "float";
    /// <summary>Gradient clipping norm, or null.</summary>
    public double? ClipNorm { get; init; }
    /// <summary>Recycle dead or dormant units (ReDo) every <see cref="RecycleEvery"/> epochs; default off.</summary>
    public RecycleMode Recycle { get; init; } = RecycleMode.Off;
    /// <summary>Epochs between recyclings (≥ 1).</summary>
    public int RecycleEvery { get; init; } = 1;
    /// <summary>Call the checkpoint callback every this many epochs (0 = never).</summary>
    public int CheckpointEvery { get; init; }
}
