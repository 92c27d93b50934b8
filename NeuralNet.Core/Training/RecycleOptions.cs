namespace NeuralNet.Core.Training;

/// <summary>Which units ReDo recycles.</summary>
public enum RecycleMode
{
    /// <summary>No recycling.</summary>
    Off,

    /// <summary>Dead units: positive on no training row and receiving no gradient (see <see cref="Diagnostics.LayerActivity.IsDead"/>).</summary>
    Dead,

    /// <summary>τ-dormant units: score s ≤ τ (<see cref="Diagnostics.DeadNeuronOptions.DormantTau"/>), as Sokar et al. (2023).</summary>
    Dormant,
}

/// <summary>Recycling of dead or dormant hidden units (ReDo; Sokar, Agarwal, Castro &amp; Evci, ICML 2023).</summary>
/// <param name="Mode">Which units; default off.</param>
/// <param name="Every">Recycle after every N-th epoch (N ≥ 1); default 1.</param>
public sealed record RecycleOptions(RecycleMode Mode = RecycleMode.Off, int Every = 1)
{
    /// <summary>Whether recycling is on.</summary>
    public bool Enabled => Mode != RecycleMode.Off;
}

/// <summary>One recycled unit.</summary>
/// <param name="Epoch">The epoch after which it was recycled.</param>
/// <param name="Layer">Hidden layer index (0-based).</param>
/// <param name="Unit">Unit index in the layer.</param>
public sealed record RecycledUnit(int Epoch, int Layer, int Unit);
