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
        if (s.Hidden.Any(h => h <= 0)) Fail($"--hidden expects positive layer sizes such as 64,32; received {string.Join(",", s.Hidden)}");
        if (!(s.LearningRate > 0 && double.IsFinite(s.LearningRate))) Fail($"--lr expects a positive number; received {s.LearningRate}");
        if (!(s.WeightDecay >= 0 && double.IsFinite(s.WeightDecay))) Fail($"--weight-decay expects a number ≥ 0; received {s.WeightDecay}");
        if (s.BatchSize <= 0) Fail($"--batch-size expects a positive integer; received {s.BatchSize}");
        if (s.Epochs < 0) Fail($"--epochs expects an integer ≥ 0; received {s.Epochs}");
        if (s.ValidationSplit is { } v && !(v >= 0 && v < 1)) Fail($"--validation-split expects a share in [0, 1); received {s.ValidationSplit}");
        if (s.Patience is < 0) Fail($"--patience expects an integer ≥ 0; received {s.Patience}");
        if (s.DeadEvery < 0) Fail($"--dead-every expects an integer ≥ 0; received {s.DeadEvery}");
        if (s.CheckpointEvery < 0) Fail($"--checkpoint-every expects an integer ≥ 0; received {s.CheckpointEvery}");
        if (s.ClipNorm is { } c && !(c > 0 && double.IsFinite(c))) Fail($"--clip-norm expects a positive number; received {c}");
        if (!double.IsFinite(s.BiasInit)) Fail($"--bias-init expects a finite number; received {s.BiasInit}");
        if (s.Alpha is { } a)
        {
            if (s.Activation is not ("leaky-relu" or "prelu")) Fail($"--alpha applies to --activation leaky-relu or prelu, not {s.Activation}");
            if (!double.IsFinite(a)) Fail($"--alpha expects a finite number; received {a}");
        }
        if (s.PreluMode == "unit" && s.Activation != "prelu") Fail($"--prelu-mode unit applies to --activation prelu, not {s.Activation}");
        if (!InitializerRegistry.Names.Contains(s.Init)) Fail($"--init '{s.Init}' is unknown; expected one of: {string.Join(", ", InitializerRegistry.Names)}");
        if (!Network.Precisions.Contains(s.Precision)) Fail($"--precision expects float or double; received {s.Precision}");
        if (s.ValidationFile is not null && s.ValidationSplit is not null)
            Fail("--validation-file and --validation-split cannot be used together");
    }

    private static void Fail(string message) => throw CliException.Usage(message);
}
