namespace NeuralNet.Core.Diagnostics;

/// <summary>
/// Follows every hidden unit across the measurements of a training run: which units were dead (see
/// <see cref="LayerActivity.IsDead"/>: positive on no training row and receiving no gradient there) at initialization
/// (<em>born dead</em>), the epoch in which each unit last died, and units that were dead at one measurement and
/// active at a later one (<em>revived</em>). Inactive LeakyReLU/PReLU units are not dead.
/// </summary>
public sealed class DeadNeuronTracker
{
    private readonly List<UnitTrack[]> _layers = new();

    /// <summary>Records one measurement taken after <paramref name="epoch"/> (0 = at initialization).</summary>
    /// <exception cref="ArgumentException">If the layer shapes differ from an earlier measurement.</exception>
    public void Record(int epoch, IReadOnlyList<LayerActivity> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Record(epoch, activity.Select(a => a.Units).ToArray(), nameof(activity), (l, u) => activity[l].IsDead(u));
    }

    /// <summary>
    /// Records a measurement as the run's history kept it (its <see cref="LayerDeadStats.DeadUnits"/>): how a resumed
    /// run replays the measurements made before it stopped.
    /// </summary>
    /// <exception cref="ArgumentException">If the layer shapes differ from an earlier measurement.</exception>
    public void Record(int epoch, IReadOnlyList<LayerDeadStats> measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var dead = measured.Select(s => s.DeadUnits.ToHashSet()).ToArray();
        Record(epoch, measured.Select(s => s.Units).ToArray(), nameof(measured), (l, u) => dead[l].Contains(u));
    }

    private void Record(int epoch, int[] unitsPerLayer, string argument, Func<int, int, bool> isDead)
    {
        if (_layers.Count == 0)
            foreach (int units in unitsPerLayer)
                _layers.Add(Enumerable.Range(0, units).Select(_ => new UnitTrack()).ToArray());
        if (_layers.Count != unitsPerLayer.Length)
            throw new ArgumentException($"Expected {_layers.Count} hidden layers, received {unitsPerLayer.Length}.", argument);
        for (int l = 0; l < unitsPerLayer.Length; l++)
        {
            var units = _layers[l];
            if (units.Length != unitsPerLayer[l])
                throw new ArgumentException($"Expected {units.Length} units in layer {l}, received {unitsPerLayer[l]}.", argument);
            for (int u = 0; u < units.Length; u++)
                units[u].Observe(epoch, isDead(l, u));
        }
    }

    /// <summary>
    /// Records that unit <paramref name="unit"/> of layer <paramref name="layer"/> was recycled (drawn again) after
    /// <paramref name="epoch"/>: it is a live unit from then on, and a later death is a new one (not a revival).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If no measurement has that unit.</exception>
    public void Recycle(int epoch, int layer, int unit)
    {
        if (_layers.Count == 0) return; // nothing measured yet (a resumed run): there is no timeline to mark
        if ((uint)layer >= (uint)_layers.Count || (uint)unit >= (uint)_layers[layer].Length)
            throw new ArgumentOutOfRangeException(nameof(unit), $"No unit {unit} in layer {layer}.");
        _layers[layer][unit].Recycle(epoch);
    }

    /// <summary>The timeline summary of every hidden layer.</summary>
    public IReadOnlyList<LayerTimeline> Summarize()
        => _layers.Select((units, l) => new LayerTimeline(
            l,
            BornDead: units.Count(t => t.BornSilent),
            Revived: units.Count(t => t.Revivals > 0),
            FirstDeathEpoch: units.Where(t => t.FirstSilentEpoch is > 0).Select(t => t.FirstSilentEpoch).Min(),
            DeathEpochs: units.Select(t => t.Silent ? t.SilentSince : null).ToArray(),
            RevivedUnits: units.Select((t, u) => (t, u)).Where(p => p.t.Revivals > 0).Select(p => p.u).ToArray())
        {
            RecycleEpochs = units.Select(t => (IReadOnlyList<int>)t.RecycledAt.ToArray()).ToArray(),
        }).ToList();

    private sealed class UnitTrack
    {
        private bool _seen;

        public bool Silent { get; private set; }
        public bool BornSilent { get; private set; }
        public int? SilentSince { get; private set; }
        public int? FirstSilentEpoch { get; private set; }
        public int Revivals { get; private set; }
        public List<int> RecycledAt { get; } = new();

        public void Recycle(int epoch)
        {
            RecycledAt.Add(epoch);
            (Silent, SilentSince) = (false, null);
        }

        public void Observe(int epoch, bool silent)
        {
            if (!_seen && epoch == 0) BornSilent = silent;
            if (silent && !Silent) { SilentSince = epoch; if (epoch > 0) FirstSilentEpoch ??= epoch; } // born dead is not a death in training
            if (!silent && Silent && _seen) { Revivals++; SilentSince = null; }
            Silent = silent;
            _seen = true;
        }
    }
}

/// <summary>How the units of one hidden layer lived and died over training.</summary>
/// <param name="Layer">Hidden layer index.</param>
/// <param name="BornDead">Units dead at initialization (before any training).</param>
/// <param name="Revived">Units that were dead at some measurement and active at a later one.</param>
/// <param name="FirstDeathEpoch">The first epoch (≥ 1) in which some unit died (was active before and dead after it); null if none died in training.</param>
/// <param name="DeathEpochs">Per unit: the epoch since which it has been dead (0 = born dead), or null if it is not dead now.</param>
/// <param name="RevivedUnits">Indices of revived units.</param>
public sealed record LayerTimeline(int Layer, int BornDead, int Revived, int? FirstDeathEpoch, IReadOnlyList<int?> DeathEpochs, IReadOnlyList<int> RevivedUnits)
{
    /// <summary>Per unit: the epochs after which it was recycled (ReDo), in order; empty when none was (or not known).</summary>
    public IReadOnlyList<IReadOnlyList<int>> RecycleEpochs { get; init; } = [];

    /// <summary>Recyclings in this layer.</summary>
    public int Recycled => RecycleEpochs.Sum(e => e.Count);
}
