using NeuralNet.Core.Activations;
using NeuralNet.Core.Data;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Models;
using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Core.Training;

/// <summary>
/// The one way a run is assembled, for the library and every command: spec → encoders fitted on the training split →
/// network, loss and optimizer built once → trainer. One <see cref="Rng"/> seeded from <see cref="TrainingSpec.Seed"/>
/// draws, in this order, the split, the initial weights and the batch order, so a seed gives the same weights everywhere.
/// </summary>
public static class TrainingPipeline
{
    /// <summary>Fits the encoders on <paramref name="table"/>'s training split and builds the network.</summary>
    /// <param name="table">The training data (the split is drawn from it unless <paramref name="validationTable"/> is given).</param>
    /// <param name="validationTable">A separate validation table, or null.</param>
    /// <param name="spec">What to train.</param>
    /// <param name="reencode">Resume from a model: re-encodes the data with the model's encoders.</param>
    /// <param name="start">Resume from a model: its network, used instead of a fresh one.</param>
    /// <exception cref="DataException">On a data problem.</exception>
    /// <exception cref="SpecException">If a setting does not fit the data.</exception>
    public static TrainingRun Prepare(DataTable table, DataTable? validationTable, TrainingSpec spec,
        Func<TrainingData, TrainingData>? reencode = null, Network? start = null)
    {
        var rng = new Rng(spec.Seed);
        var data = Encode(table, validationTable, spec, rng);
        if (reencode is not null) data = reencode(data);
        return Prepare(data, spec, rng, start);
    }

    /// <summary>
    /// Builds the network for data already encoded by <see cref="Encode"/> (the experiment grid encodes each data sample
    /// once for all its runs). <paramref name="rng"/> draws the weights and then the batch order: the generator
    /// <see cref="Encode"/> drew the split from, for what the other overload does.
    /// </summary>
    /// <exception cref="SpecException">If a setting does not fit the data.</exception>
    public static TrainingRun Prepare(TrainingData data, TrainingSpec spec, Rng rng, Network? start = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        var shape = NetworkSpec(spec, data); // checked on resume too: a bad --output is refused either way
        var network = start ?? Network.Create(shape, spec.Precision, rng);
        return new TrainingRun(spec, data, network, new FitSettings(data.Target.Loss, spec.Optimizer, spec.LearningRate, spec.WeightDecay, Options(spec)), rng);
    }

    /// <summary>
    /// Fits the encoders on the training rows and encodes both splits: the split is drawn from <paramref name="rng"/>
    /// unless <paramref name="validationTable"/> or <see cref="TrainingSpec.Sample"/> gives it.
    /// </summary>
    /// <exception cref="DataException">On a data problem.</exception>
    /// <exception cref="SpecException">If <see cref="TrainingSpec.Scaling"/> is not a registered scaling.</exception>
    public static TrainingData Encode(DataTable table, DataTable? validationTable, TrainingSpec spec, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var scaling = FeatureScaling.Find(spec.Scaling)
                      ?? throw new SpecException($"unknown scaling '{spec.Scaling}'; expected one of {string.Join(", ", FeatureScaling.Names)}");
        return TrainingDataBuilder.Build(table, new TrainingDataRequest(
            spec.Target, spec.Drop, spec.Missing, ValueParser.ForCulture(spec.Culture), spec.Task,
            validationTable is null ? spec.ValidationSplit : 0, validationTable, spec.Loss, spec.Sample, Single: spec.Precision != "double",
            Scaling: scaling), rng);
    }

    /// <summary>The network shape for <paramref name="data"/>.</summary>
    public static MlpSpec NetworkSpec(TrainingSpec s, TrainingData data)
    {
        ActivationSpec Spec(string a) => new(a, s.Alpha, a == "prelu" && s.PreluPerUnit);
        var names = s.HiddenActivationNames();
        // One activation for all stays the single HiddenActivation (what an experiment grid varies); a list goes per layer.
        var perLayer = names.Distinct().Count() > 1 ? names.Select(Spec).ToList() : null;
        return new MlpSpec(data.Train.Inputs, s.Hidden, data.Target.Outputs, Spec(names.Count > 0 ? names[0] : s.Activation.Split(',')[0].Trim()),
            OutputActivationFor(s.Output, data.Target.Loss), s.Init, s.BiasInit, perLayer);
    }

    /// <summary>The trainer options of <paramref name="s"/>.</summary>
    public static TrainerOptions Options(TrainingSpec s) => new()
    {
        Epochs = s.Epochs,
        BatchSize = s.BatchSize,
        Patience = s.Patience,
        ClipNorm = s.ClipNorm,
        DeadNeurons = DeadNeurons(s.DeadEvery) with { DormantTau = s.DormantTau },
        CheckpointEvery = s.CheckpointEvery,
        Recycle = new RecycleOptions(s.Recycle, s.RecycleEvery),
    };

    /// <summary>
    /// The one meaning of a dead-neuron period for every path: N measures every N-th epoch, and 0 measures only at
    /// initialization and after the last epoch (the trainer's own 0 switches measurement off, which no command offers).
    /// </summary>
    public static DeadNeuronOptions DeadNeurons(int every) => new(Every: every == 0 ? int.MaxValue : every);

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
                throw new SpecException($"--output {output} does not go with --loss {loss} (softmax-cross-entropy → softmax, binary-cross-entropy → sigmoid, mse → identity, sigmoid or tanh)");
        }
    }
}
