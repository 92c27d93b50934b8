using System.Globalization;
using System.Text.Json.Serialization;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// One training run of an experiment grid: the spec <c>neuralnet train</c> would train (so every option means what it
/// means there) and the number of its data sample (fold or re-split; 0 when the rows are the same for every run).
/// </summary>
/// <param name="Spec">What is trained: data options, network, optimizer, seed and <see cref="TrainingSpec.Sample"/>.</param>
/// <param name="SampleIndex">The fold or re-split this run trains on (0 for a single split).</param>
public sealed record RunSettings(TrainingSpec Spec, int SampleIndex = 0)
{
    /// <summary>Seed of initialization and shuffling.</summary>
    [JsonIgnore]
    public long Seed => Spec.Seed;

    /// <summary>What pairs two runs of different settings: the same seed on the same data sample.</summary>
    [JsonIgnore]
    public (long Seed, int Sample) PairKey => (Spec.Seed, SampleIndex);

    /// <summary>
    /// A label of the setting without the seed and data sample, for grouping runs that differ only by those; it ends
    /// with "recycle=dead" or "recycle=dormant" when the run recycles units (ReDo), and says nothing of recycling when off.
    /// </summary>
    [JsonIgnore]
    public string SettingKey => string.Create(CultureInfo.InvariantCulture,
        $"{Spec.Activation}{(Spec.Alpha is { } a ? $"(α={a})" : "")} hidden={string.Join(",", Spec.Hidden)} lr={Spec.LearningRate} init={Spec.Init} bias={Spec.BiasInit}{(Spec.Recycle == RecycleMode.Off ? "" : " " + RecycleWord(Spec.Recycle))}");

    /// <summary>The label's word for a recycling mode: "recycle=off", "recycle=dead", "recycle=dormant".</summary>
    public static string RecycleWord(RecycleMode mode) => "recycle=" + mode.ToString().ToLowerInvariant();
}
