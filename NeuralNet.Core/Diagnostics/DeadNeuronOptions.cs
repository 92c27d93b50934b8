namespace NeuralNet.Core.Diagnostics;

/// <summary>When and how the trainer measures dead neurons.</summary>
/// <param name="Every">Measure after every N-th epoch (and always at initialization and after the last epoch); 0 switches measurement off. Default 1.</param>
/// <param name="NearDeadShare">A unit active on fewer than this share of rows (but more than none) is near-dead. Default 0.01.</param>
public sealed record DeadNeuronOptions(int Every = 1, double NearDeadShare = DeadNeuronOptions.DefaultNearDeadShare)
{
    /// <summary>The default near-dead share, 1% of rows.</summary>
    public const double DefaultNearDeadShare = 0.01;

    /// <summary>Whether measurement is on.</summary>
    public bool Enabled => Every > 0;
}
