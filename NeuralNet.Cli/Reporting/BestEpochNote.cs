using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Reporting;

/// <summary>
/// After a run that went all its epochs without --patience: the epoch where the monitored loss (val_loss, or loss
/// without validation rows) was lowest, and, when it bottomed early and ended clearly worse, what --patience would
/// have done, as Keras users expect from EarlyStopping.
/// </summary>
public static class BestEpochNote
{
    /// <summary>The patience suggested: about a tenth of the run, between 3 and 10 epochs.</summary>
    public static int SuggestedPatience(int epochs) => Math.Clamp(epochs / 10, 3, 10);

    /// <summary>
    /// "val_loss was lowest at the last epoch (0.0524)", or "val_loss was lowest at epoch 7 (0.0712; 0.1245 at epoch 60)" followed by "; --patience 6 would have stopped at
    /// epoch 14 and kept the weights of epoch 7" when the end is more than 1% worse and at least the patience past the best.
    /// Null when no epoch was trained.
    /// </summary>
    /// <param name="history">Every epoch's metrics (epoch 0, the initial network, is ignored).</param>
    /// <param name="minDelta">The smallest decrease that counts as an improvement, as the trainer's early stopping.</param>
    public static string? Text(IReadOnlyList<EpochMetrics> history, double minDelta = 0)
    {
        var trained = history.Where(h => h.Epoch > 0).ToList();
        if (trained.Count == 0) return null;
        bool validation = trained[^1].ValidationLoss is not null;
        string name = validation ? "val_loss" : "loss";
        double Monitored(EpochMetrics m) => m.ValidationLoss ?? m.Loss;
        var best = trained.MinBy(Monitored)!;
        var last = trained[^1];
        if (best == last) return $"{name} was lowest at the last epoch ({Format.Value(Monitored(last))})";
        string text = $"{name} was lowest at epoch {best.Epoch} ({Format.Value(Monitored(best))}; {Format.Value(Monitored(last))} at epoch {last.Epoch})";
        int patience = SuggestedPatience(last.Epoch);
        bool worse = Monitored(last) > Monitored(best) * 1.01 && last.Epoch - best.Epoch > patience;
        if (!worse || StopEpoch(trained, patience, minDelta) is not { } stop) return text;
        return $"{text}; --patience {patience} would have stopped at epoch {stop.Stop} and kept the weights of epoch {stop.Kept}";
    }

    // Replays the trainer's rule: stop once more than `patience` epochs in a row failed to improve by more than minDelta.
    private static (int Stop, int Kept)? StopEpoch(IReadOnlyList<EpochMetrics> trained, int patience, double minDelta)
    {
        double best = double.PositiveInfinity;
        int bestEpoch = 0, since = 0;
        foreach (var m in trained)
        {
            double monitored = m.ValidationLoss ?? m.Loss;
            if (monitored < best - minDelta) (best, bestEpoch, since) = (monitored, m.Epoch, 0);
            else if (++since > patience) return (m.Epoch, bestEpoch);
        }
        return null;
    }
}
