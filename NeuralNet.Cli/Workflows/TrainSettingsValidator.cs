using NeuralNet.Core.Models;
using NeuralNet.Core.Training;
using NeuralNet.Core.Initializers;

namespace NeuralNet.Cli.Workflows;

/// <summary>Checks the train settings up front, so a bad value is a usage error before any data is read.</summary>
public static class TrainSettingsValidator
{
    /// <summary>Throws a usage <see cref="CliException"/> naming the first bad setting.</summary>
    public static void Validate(TrainSettings s)
    {
        OptionRules.Hidden(s.Hidden);
        OptionRules.LearningRate(s.LearningRate);
        OptionRules.WeightDecay(s.WeightDecay);
        OptionRules.BatchSize(s.BatchSize);
        // The batch is at most the training rows: it counts once they are known (TrainWorkflow), not here.
        OptionRules.NetworkFits(1, s.Hidden, 1, 1, s.Precision == "double" ? sizeof(double) : sizeof(float));
        OptionRules.Epochs(s.Epochs);
        OptionRules.DeadEvery(s.DeadEvery);
        OptionRules.RecordsFit(1, s.Epochs, s.Hidden.Sum(), s.DeadEvery);
        OptionRules.ValidationSplit(s.ValidationSplit);
        OptionRules.Patience(s.Patience);
        OptionRules.RecycleMode(s.Recycle);
        OptionRules.RecycleEvery(s.RecycleEvery);
        OptionRules.DormantTau(s.DormantTau);
        if (s.CheckpointEvery < 0) Fail($"--checkpoint-every expects an integer ≥ 0; received {s.CheckpointEvery}");
        OptionRules.ClipNorm(s.ClipNorm);
        OptionRules.BiasInit(s.BiasInit);
        var activations = s.Activation.Split(',', StringSplitOptions.TrimEntries);
        if (activations.Length != 1 && activations.Length != s.Hidden.Count)
            Fail($"--activation {s.Activation} names {activations.Length} activations for {s.Hidden.Count} hidden layers; give one for all, or one per hidden layer");
        OptionRules.Alpha(s.Alpha, activations);
        if (s.PreluMode == "unit" && !activations.Contains("prelu")) Fail($"--prelu-mode unit applies to --activation prelu, not {s.Activation}");
        if (!InitializerRegistry.Names.Contains(s.Init)) Fail($"--init '{s.Init}' is unknown; expected one of: {string.Join(", ", InitializerRegistry.Names)}");
        OptionRules.Precision(s.Precision);
        OptionRules.Scaling(s.Scaling);
        if (s.ValidationFile is not null && s.ValidationSplit is not null)
            Fail("--validation-file and --validation-split cannot be used together");
    }

    private static void Fail(string message) => throw CliException.Usage(message);
}
