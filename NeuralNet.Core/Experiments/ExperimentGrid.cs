using NeuralNet.Core.Data;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments;

/// <summary>
/// The axes of an experiment grid. <see cref="Expand"/> crosses them into one <see cref="RunSettings"/> per
/// combination, seed and data sample, in a fixed order (activation, hidden sizes, learning rate, initializer, bias,
/// recycling, seed, sample).
/// </summary>
/// <param name="Activations">Hidden activations to compare, each with its α (null for the default).</param>
/// <param name="HiddenSizes">Hidden-layer size lists to try; empty = the template's.</param>
/// <param name="LearningRates">Learning rates to try; empty = the template's.</param>
/// <param name="Initializers">Initializer names to try; empty = the template's.</param>
/// <param name="HiddenBiases">Initial hidden biases to try; empty = the template's.</param>
/// <param name="Seeds">Number of seeds per setting: seeds FirstSeed, FirstSeed + 1, ….</param>
/// <param name="FirstSeed">The first seed.</param>
/// <param name="Samples">The data samples every seed runs on (folds or re-splits); empty = the template's.</param>
/// <param name="Recycles">ReDo modes to try (off, dead, dormant; every one with the template's recycling interval); empty = the template's.</param>
public sealed record ExperimentGrid(
    IReadOnlyList<(string Name, double? Alpha)> Activations,
    IReadOnlyList<IReadOnlyList<int>> HiddenSizes,
    IReadOnlyList<double> LearningRates,
    IReadOnlyList<string> Initializers,
    IReadOnlyList<double> HiddenBiases,
    int Seeds,
    long FirstSeed = 1,
    IReadOnlyList<DataSample>? Samples = null,
    IReadOnlyList<RecycleMode>? Recycles = null)
{
    /// <summary>
    /// The data samples of an experiment: <paramref name="folds"/> folds of a stratified k-fold split, or
    /// <paramref name="resplits"/> stratified hold-out splits of <paramref name="share"/> (split r drawn from seed
    /// <paramref name="seed"/> + r, the split <c>train --seed</c> with that seed holds out), or else the one split of
    /// <paramref name="seed"/>.
    /// </summary>
    public static IReadOnlyList<DataSample> SamplesOf(int? folds, int? resplits, double share, long seed)
    {
        if (folds is { } k) return Enumerable.Range(0, k).Select(f => DataSample.KFold(f, k, seed)).ToList();
        return Enumerable.Range(0, resplits ?? 1).Select(r => DataSample.HoldOut(share, seed + r)).ToList();
    }

    /// <summary>Every run of the grid, based on <paramref name="template"/> (whose seed, sample and varied fields are replaced).</summary>
    /// <exception cref="ArgumentException">If there is no activation or the seed count is not positive.</exception>
    public IReadOnlyList<RunSettings> Expand(TrainingSpec template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (Activations.Count == 0) throw new ArgumentException("An experiment needs at least one activation.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Seeds);
        IReadOnlyList<DataSample?> samples = Samples is { Count: > 0 } given ? [.. given] : [template.Sample];
        var runs = new List<RunSettings>();
        foreach (var (activation, alpha) in Activations)
        foreach (var hidden in OrDefault(HiddenSizes, template.Hidden))
        foreach (double lr in OrDefault(LearningRates, template.LearningRate))
        foreach (string init in OrDefault(Initializers, template.Init))
        foreach (double bias in OrDefault(HiddenBiases, template.BiasInit))
        foreach (var recycle in OrDefault(Recycles ?? [], template.Recycle))
        for (int s = 0; s < Seeds; s++)
        for (int k = 0; k < samples.Count; k++)
            runs.Add(new RunSettings(template with
            {
                Activation = activation, Alpha = alpha, Hidden = hidden, LearningRate = lr, Init = init, BiasInit = bias, Recycle = recycle,
                Seed = FirstSeed + s, Sample = samples[k],
            }, k));
        return runs;
    }

    private static IReadOnlyList<TItem> OrDefault<TItem>(IReadOnlyList<TItem> values, TItem fallback)
        => values.Count > 0 ? values : [fallback];
}
