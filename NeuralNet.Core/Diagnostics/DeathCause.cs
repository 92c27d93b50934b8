namespace NeuralNet.Core.Diagnostics;

/// <summary>Which known cause fits a unit's death (see <see cref="DeathCause.Classify"/>).</summary>
public enum DeathVerdict
{
    /// <summary>Dead at initialization and at every measurement since (check the bias init and the input scale).</summary>
    BornDead,

    /// <summary>The incoming weights moved by a large share of their length: a learning rate too high.</summary>
    LargeStep,

    /// <summary>The bias moved down by more than the weight change could move the pre-activation of a typical row.</summary>
    NegativeBias,

    /// <summary>Neither: the unit's own parameters moved little (for example the layer's inputs changed under it).</summary>
    Unclear,
}

/// <summary>
/// What moved one hidden unit between the last measurement at which it was alive and the one at which it was found dead
/// (one epoch with the default <c>--dead-every 1</c>).
/// </summary>
/// <param name="Layer">Hidden layer index (0-based).</param>
/// <param name="Unit">Unit index in the layer.</param>
/// <param name="Epoch">The epoch after which it was found dead (0: at initialization).</param>
/// <param name="LastActiveEpoch">The last epoch in which it was positive on some row of a training batch; null if never during training.</param>
/// <param name="LastActiveBatch">The 1-based batch of that epoch; null with <paramref name="LastActiveEpoch"/>.</param>
/// <param name="BiasChange">b_after − b_before.</param>
/// <param name="WeightChangeNorm">‖w_after − w_before‖ over its incoming weights.</param>
/// <param name="WeightNorm">‖w_before‖.</param>
/// <param name="InputRms">√(mean over the training rows of ‖x‖²) of the layer's inputs, at the measurement (the scale the weight change acts on).</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
/// <param name="Verdict">Which cause fits.</param>
public sealed record DeathCause(
    int Layer, int Unit, int Epoch, int? LastActiveEpoch, int? LastActiveBatch,
    double BiasChange, double WeightChangeNorm, double WeightNorm, double InputRms, double LearningRate, DeathVerdict Verdict)
{
    /// <summary>A weight change of at least this share of the weights' length counts as a large step.</summary>
    public const double LargeStepShare = 0.5;

    /// <summary>
    /// The rule, in this order. Born dead: dead since initialization. Negative bias: the bias went down (Δb &lt; 0)
    /// by at least ‖Δw‖·x_rms, the most the weight change shifts z = w·x + b on a row of typical norm (Cauchy–Schwarz), so
    /// the bias alone accounts for the shift. Large step: ‖Δw‖ ≥ <see cref="LargeStepShare"/>·‖w‖. Otherwise unclear.
    /// </summary>
    public static DeathVerdict Classify(bool bornDead, double biasChange, double weightChangeNorm, double weightNorm, double inputRms)
    {
        if (bornDead) return DeathVerdict.BornDead;
        if (biasChange < 0 && -biasChange >= weightChangeNorm * inputRms) return DeathVerdict.NegativeBias;
        if (weightChangeNorm > 0 && weightChangeNorm >= LargeStepShare * weightNorm) return DeathVerdict.LargeStep;
        return DeathVerdict.Unclear;
    }

    /// <summary>The verdict in words, for reports.</summary>
    public static string Describe(DeathVerdict verdict) => verdict switch
    {
        DeathVerdict.BornDead => "born dead",
        DeathVerdict.LargeStep => "large step (learning rate too high)",
        DeathVerdict.NegativeBias => "bias drifted negative",
        _ => "unclear",
    };
}
