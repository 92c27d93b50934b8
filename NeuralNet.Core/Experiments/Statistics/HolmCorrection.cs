namespace NeuralNet.Core.Experiments.Statistics;

/// <summary>
/// Holm's step-down correction for m tests (Holm 1979), which controls the family-wise error rate without
/// assuming independence: sort the p-values ascending, p'(i) = max over j ≤ i of min(1, (m − j + 1) · p(j)),
/// as <c>statsmodels.stats.multitest.multipletests(method="holm")</c> gives.
/// </summary>
public static class HolmCorrection
{
    /// <summary>Adjusted p-values, in the order given. NaN entries are left out of m and stay NaN.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var adjusted = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        var order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToList();
        int m = order.Count;
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = order[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
