using NeuralNet.Core.Data;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Models;

/// <summary>What a model file records about how it was trained, for the library and the command line alike.</summary>
public static class TrainingSettingsMapper
{
    /// <summary>The training section of the model file of a finished run.</summary>
    public static TrainingSettingsDocument ToDocument(TrainingSpec spec, TrainingData data, TrainingResult result, string dataFile, string? validationFile) => new()
    {
        Hidden = spec.Hidden,
        Initializer = spec.Init,
        BiasInit = spec.BiasInit,
        Optimizer = spec.Optimizer,
        LearningRate = spec.LearningRate,
        WeightDecay = spec.WeightDecay,
        BatchSize = spec.BatchSize,
        Epochs = spec.Epochs,
        EpochsRun = result.EpochsRun,
        Patience = spec.Patience,
        ValidationSplit = validationFile is null ? spec.ValidationSplit : null,
        ValidationFile = validationFile,
        DataFile = dataFile,
        TrainRows = data.Train.Rows,
        ValidationRows = data.Validation?.Rows ?? 0,
        StopReason = StopName(result.StopReason),
        BestEpoch = result.BestEpoch,
    };

    /// <summary>The name of a stop reason in files and reports.</summary>
    public static string StopName(StopReason reason) => reason switch
    {
        StopReason.EarlyStopped => "early-stopped",
        StopReason.Cancelled => "cancelled",
        StopReason.Diverged => "diverged",
        _ => "completed",
    };
}
