using NeuralNet.Core.Training;

namespace NeuralNet.Core.Training;

/// <summary>How to train: the loss, the optimizer and the trainer's options.</summary>
/// <param name="Loss">Loss name (see LossRegistry).</param>
/// <param name="Optimizer">Optimizer name (see OptimizerRegistry).</param>
/// <param name="LearningRate">η.</param>
/// <param name="WeightDecay">λ.</param>
/// <param name="Options">Epochs, batch size, patience, dead-neuron settings.</param>
public sealed record FitSettings(string Loss, string Optimizer, double LearningRate, double WeightDecay, TrainerOptions Options);
