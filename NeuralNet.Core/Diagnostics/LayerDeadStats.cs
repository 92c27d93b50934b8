namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// The dead-neuron summary of one hidden layer after one pass over a dataset.
/// </summary>
/// <param name="Layer">Index of the hidden layer (0-based).</param>
/// <param name="Activation">The layer's activation name.</param>
/// <param name="Units">Units in the layer.</param>
/// <param name="Dead">Units positive on no row that receive zero gradient there (ReLU; PReLU with |α| below the threshold).</param>
/// <param name="Inactive">Units positive on no row that still pass gradient (LeakyReLU, PReLU).</param>
/// <param name="NearDead">Units positive on at least one row but on fewer than the near-dead share of rows.</param>
/// <param name="DeadUnits">Indices of the dead units.</param>
/// <param name="InactiveUnits">Indices of the inactive units.</param>
/// <param name="ZeroFraction">Share of (row, unit) pairs with z ≤ 0 (TensorFlow's zero_fraction).</param>
public sealed record LayerDeadStats(
    int Layer, string Activation, int Units, int Dead, int Inactive, int NearDead,
    IReadOnlyList<int> DeadUnits, IReadOnlyList<int> InactiveUnits, double ZeroFraction)
{
    /// <summary>
    /// Every unit is dead: the layer outputs the same constant for every input, so the network's output is
    /// the same for every input and no gradient reaches the layers below.
    /// </summary>
    public bool WholeLayerDead => Units > 0 && Dead == Units;

    /// <summary>Dead share of the layer's units, in [0, 1].</summary>
    public double DeadShare => Units == 0 ? 0 : (double)Dead / Units;

    /// <summary>
    /// Per unit: the share of rows on which its pre-activation was &gt; 0, from the same pass (what the report's
    /// per-unit activity heatmap draws). Empty for statistics built without a pass.
    /// </summary>
    public IReadOnlyList<double> ActiveShares { get; init; } = [];

    /// <summary>
    /// Units whose τ-dormant score s_i = E|h_i| / ((1/H) Σ_k E|h_k|) is ≤ <see cref="DormantTau"/> (Sokar et al. 2023).
    /// Every dead ReLU unit is dormant (its s is 0); a dormant unit need not be dead (it may be positive on some rows, or
    /// be a LeakyReLU unit with small outputs). Empty when the pass did not measure |h|.
    /// </summary>
    public IReadOnlyList<int> DormantUnits { get; init; } = [];

    /// <summary>Number of dormant units.</summary>
    public int Dormant => DormantUnits.Count;

    /// <summary>The τ the dormant units were found with.</summary>
    public double DormantTau { get; init; } = DeadNeuronOptions.DefaultDormantTau;

    /// <summary>Summarizes one layer's activity.</summary>
    /// <param name="activity">The counts from a pass.</param>
    /// <param name="nearDeadShare">A live unit active on fewer than this share of rows is near-dead; default 1%.</param>
    /// <param name="dormantTau">A unit with dormant score ≤ τ is dormant; default 0.025.</param>
    /// <exception cref="ArgumentOutOfRangeException">If the share is outside [0, 1] or τ is negative or not finite.</exception>
    public static LayerDeadStats From(LayerActivity activity, double nearDeadShare = DeadNeuronOptions.DefaultNearDeadShare,
        double dormantTau = DeadNeuronOptions.DefaultDormantTau)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!(nearDeadShare >= 0 && nearDeadShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(nearDeadShare), nearDeadShare, "Expected a share in [0, 1].");
        if (!(dormantTau >= 0 && double.IsFinite(dormantTau)))
            throw new ArgumentOutOfRangeException(nameof(dormantTau), dormantTau, "Expected a finite τ ≥ 0.");
        var dead = new List<int>();
        var inactive = new List<int>();
        int nearDead = 0;
        long positive = 0;
        for (int u = 0; u < activity.Units; u++)
        {
            positive += activity.PositiveRows[u];
            if (activity.IsDead(u)) dead.Add(u);
            else if (activity.IsInactive(u)) inactive.Add(u);
            else if (activity.IsRectifier && activity.PositiveRows[u] > 0 && activity.ActiveShare(u) < nearDeadShare) nearDead++;
        }
        long cells = (long)activity.Rows * activity.Units;
        double zeroFraction = cells == 0 ? 0 : 1.0 - (double)positive / cells;
        var shares = new double[activity.Units];
        for (int u = 0; u < shares.Length; u++) shares[u] = activity.ActiveShare(u);
        var scores = activity.DormantScores();
        var dormant = new List<int>();
        for (int u = 0; u < scores.Length; u++)
            if (scores[u] <= dormantTau) dormant.Add(u);
        return new LayerDeadStats(activity.Layer, activity.Activation, activity.Units, dead.Count, inactive.Count, nearDead,
            dead, inactive, zeroFraction)
        {
            ActiveShares = shares,
            DormantUnits = dormant.ToArray(),
            DormantTau = dormantTau,
        };
    }
}
