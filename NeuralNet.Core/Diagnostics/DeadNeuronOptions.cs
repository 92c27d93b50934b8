namespace NeuralNet.Core.Diagnostics;

/// <summary>When and how the trainer measures dead neurons.</summary>
/// <param name="Every">Measure after every N-th epoch (and always at initialization and after the last epoch); 0 switches measurement off. Default 1.</param>
/// <param name="NearDeadShare">A unit active on fewer than this share of rows (but more than none) is near-dead. Default 0.01.</param>
/// <param name="DormantTau">A unit with τ-dormant score s ≤ τ is dormant (see <see cref="LayerActivity.DormantScores"/>). Default 0.025.</param>
public sealed record DeadNeuronOptions(int Every = 1, double NearDeadShare = DeadNeuronOptions.DefaultNearDeadShare, double DormantTau = DeadNeuronOptions.DefaultDormantTau)
{
    /// <summary>The default τ of the dormant score, 0.025 (Sokar et al. 2023 use 0.025 and 0.1).</summary>
    public const double DefaultDormantTau = 0.025;

    /// <summary>The default near-dead share, 1% of rows.</summary>
    public const double DefaultNearDeadShare = 0.01;

    /// <summary>Whether measurement is on.</summary>
    public bool Enabled => Every > 0;
}
