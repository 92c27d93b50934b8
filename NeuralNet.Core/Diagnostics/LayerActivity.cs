namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// What one pass over a dataset saw of one hidden layer: for each unit, on how many rows its pre-activation was &gt; 0,
/// and whether that unit would receive zero gradient where it is not (see <see cref="Activations.IActivation{T}.BlocksGradientWhenNegative"/>).
/// </summary>
/// <param name="Layer">Index of the layer (0 = first hidden layer).</param>
/// <param name="Activation">The layer's activation name.</param>
/// <param name="IsRectifier">Whether the activation belongs to the rectifier family (only then can units die).</param>
/// <param name="Rows">Rows in the pass.</param>
/// <param name="PositiveRows">Per unit: rows on which z &gt; 0.</param>
/// <param name="BlocksGradient">Per unit: whether z ≤ 0 means zero gradient (ReLU; PReLU with |α| below the threshold).</param>
public sealed record LayerActivity(int Layer, string Activation, bool IsRectifier, int Rows, int[] PositiveRows, bool[] BlocksGradient)
{
    /// <summary>Per unit: the mean of |h| (the unit's output) over the rows, E|h_i|; empty when not measured.</summary>
    public double[] MeanAbsOutput { get; init; } = [];

    /// <summary>√(mean over the rows of ‖x‖²) of the layer's inputs (0 when not measured): the scale a weight change acts on.</summary>
    public double InputRms { get; init; }

    /// <summary>
    /// Per unit: the τ-dormant score of Sokar et al. (2023), s_i = E|h_i| / ((1/H) Σ_k E|h_k|) over the H units of the
    /// layer. A ReLU unit that is dead (z ≤ 0 on every row) outputs 0 on every row, so its s is 0. When every unit's
    /// E|h| is 0 the layer's mean is 0 and every score is 0. Empty when <see cref="MeanAbsOutput"/> is.
    /// </summary>
    public double[] DormantScores()
    {
        // Loops, not LINQ: measured every epoch. The sum runs in order, as Enumerable.Average adds.
        double sum = 0;
        foreach (double e in MeanAbsOutput) sum += e;
        double mean = MeanAbsOutput.Length == 0 ? 0 : sum / MeanAbsOutput.Length;
        var scores = new double[MeanAbsOutput.Length];
        for (int u = 0; u < scores.Length; u++) scores[u] = mean > 0 ? MeanAbsOutput[u] / mean : 0;
        return scores;
    }

    /// <summary>Units in the layer.</summary>
    public int Units => PositiveRows.Length;

    /// <summary>Whether unit <paramref name="unit"/> was positive on no row.</summary>
    public bool IsSilent(int unit) => PositiveRows[unit] == 0;

    /// <summary>Share of rows on which unit <paramref name="unit"/> was positive (0 when there were no rows).</summary>
    public double ActiveShare(int unit) => Rows == 0 ? 0 : (double)PositiveRows[unit] / Rows;

    /// <summary>
    /// Whether the unit is <em>dead</em>: a rectifier that was positive on no row and receives no gradient there,
    /// so it cannot learn again on this data.
    /// </summary>
    public bool IsDead(int unit) => IsRectifier && Rows > 0 && IsSilent(unit) && BlocksGradient[unit];

    /// <summary>Whether the unit is <em>inactive</em>: positive on no row but still passing gradient (LeakyReLU, PReLU).</summary>
    public bool IsInactive(int unit) => IsRectifier && Rows > 0 && IsSilent(unit) && !BlocksGradient[unit];
}

/// <summary>Adds up the activity of passes over consecutive parts of one dataset (a file read in chunks).</summary>
public sealed class ActivityTotals
{
    private List<LayerActivity>? _sum;
    private double[][] _absSums = [];

    /// <summary>Adds one part's activity (the same layers every time).</summary>
    public void Add(IReadOnlyList<LayerActivity> part)
    {
        if (_sum is null)
        {
            _sum = part.Select(a => a with { PositiveRows = new int[a.Units], Rows = 0 }).ToList();
            _absSums = part.Select(a => new double[a.MeanAbsOutput.Length]).ToArray();
        }
        for (int l = 0; l < part.Count; l++)
        {
            var a = part[l];
            for (int u = 0; u < a.Units; u++) _sum[l].PositiveRows[u] += a.PositiveRows[u];
            for (int u = 0; u < a.MeanAbsOutput.Length; u++) _absSums[l][u] += a.MeanAbsOutput[u] * a.Rows;
            _sum[l] = _sum[l] with { Rows = _sum[l].Rows + a.Rows };
        }
    }

    /// <summary>The activity over every part added (none when nothing was added).</summary>
    public IReadOnlyList<LayerActivity> Total => (_sum ?? []).Select((a, l) => a with
    {
        MeanAbsOutput = _absSums[l].Select(s => a.Rows == 0 ? 0 : s / a.Rows).ToArray(),
    }).ToList();
}
