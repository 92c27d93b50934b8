using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments;

/// <summary>Everything that defines one training run of an experiment grid.</summary>
/// <param name="Network">Architecture, activation, initializer and bias.</param>
/// <param name="Loss">Loss name (see <see cref="Training.Losses.LossRegistry"/>).</param>
/// <param name="Optimizer">Optimizer name (see <see cref="Training.Optimizers.OptimizerRegistry"/>).</param>
/// <param name="LearningRate">η.</param>
/// <param name="WeightDecay">λ.</param>
/// <param name="Training">Epochs, batch size, early stopping, dead-neuron measurement.</param>
/// <param name="Seed">Seed of initialization and shuffling.</param>
public sealed record RunSettings(MlpSpec Network, string Loss, string Optimizer, double LearningRate, double WeightDecay, TrainerOptions Training, long Seed)
{
    /// <summary>A label of the setting without the seed, for grouping runs that differ only by seed.</summary>
    public string SettingKey =>
        $"{Network.HiddenActivation.Name}{(Network.HiddenActivation.Alpha is { } a ? $"(α={a})" : "")} " +
        $"hidden={string.Join(",", Network.Hidden)} lr={LearningRate} init={Network.Initializer} bias={Network.HiddenBias}";
}
