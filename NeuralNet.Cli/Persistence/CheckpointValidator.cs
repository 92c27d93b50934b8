using System.Numerics;
using System.Reflection;
using System.Text.Json;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Models;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// Checks a checkpoint completely before <c>train --resume</c> uses it: first on its own (every field present, every
/// block of the dtype its name needs and decodable to finite numbers, the epoch and history consistent, the row order
/// a permutation, a usable generator state), then against the network its settings build and the rows the data gives
/// (every block named and shaped for that network and optimizer, the history's layers, the order's length).
/// Each problem is one phrase for "PATH: the checkpoint is inconsistent (…)", naming the block when one is at fault.
/// </summary>
public static class CheckpointValidator
{
    /// <summary>The longest epoch a history entry may record (about 31 years): a time, not a corrupt number.</summary>
    public const double MaxEpochSeconds = 1e9;

    /// <summary>The first problem of <paramref name="doc"/> on its own, or null when it is usable.</summary>
    public static string? Problem(CheckpointDocument doc)
    {
        var s = doc.Settings;
        if (s is null || doc.Tensors is null || doc.History is null || doc.DataSha256 is null || doc.History.Any(h => h is null))
            return "a required field is missing or null";
        if (MissingSetting(s) is { } setting) return $"a required field is missing or null (settings.{setting})";
        if (doc.Epoch < 0) return $"epoch {doc.Epoch} is negative";
        if (doc.History.Count != (long)doc.Epoch + 1) return $"epoch {doc.Epoch} needs {(long)doc.Epoch + 1} history entries (epochs 0 to {doc.Epoch}), it has {doc.History.Count}";
        for (int i = 0; i < doc.History.Count; i++)
            if (HistoryProblem(doc.History[i], i) is { } history) return history;
        if (doc.BestEpoch < 0 || doc.BestEpoch > doc.Epoch) return $"the best epoch {doc.BestEpoch} is not between 0 and {doc.Epoch}";
        if (doc.SinceImprovement < 0 || doc.SinceImprovement > doc.Epoch) return $"epochs since the last improvement ({doc.SinceImprovement}) is not between 0 and {doc.Epoch}";
        if (doc.BestMonitored is { } best && !double.IsFinite(best)) return "the best monitored loss is not finite";
        foreach (var (name, block) in doc.Tensors)
        {
            if (block?.Dtype is null || block.Shape is null || block.Data is null) return $"parameter '{name}' is missing its dtype, shape or data";
            string dtype = CheckpointLayout.DtypeOf(name, s.Optimizer, s.Precision);
            if (dtype is TensorCodec.Float32 or TensorCodec.Float64 && Try(() => TensorCodec.Decode(block, name, block.Shape, dtype), out _) is { } bad) return bad;
        }
        if (Integers<ulong>(doc, CheckpointLayout.RngState, out var words) is { } rng) return rng;
        if (words.Length != 4 || doc.Tensors[CheckpointLayout.RngState].Shape is not [4] || words.All(w => w == 0)) return "the random-number state must be four words, not all zero";
        string stepName = CheckpointLayout.Step(s.Optimizer);
        if (Integers<long>(doc, stepName, out var steps) is { } step) return step;
        if (doc.Tensors[stepName].Shape is not []) return $"parameter '{stepName}' must be one number (shape [])";
        if (steps[0] < 0) return $"the optimizer's step count {steps[0]} is negative";
        if (Integers<int>(doc, CheckpointLayout.Order, out var order) is { } orderBlock) return orderBlock;
        if (doc.Tensors[CheckpointLayout.Order].Shape.Count != 1) return $"parameter '{CheckpointLayout.Order}' must have one dimension (shape [rows])";
        if (LastActiveProblem(doc) is { } lastActive) return lastActive;
        return PermutationProblem(order);
    }

    /// <summary>
    /// The first way <paramref name="doc"/> (accepted by <see cref="Problem"/>) does not fit <paramref name="network"/>
    /// and <paramref name="trainRows"/> training rows, or null.
    /// </summary>
    public static string? Mismatch(CheckpointDocument doc, Network network, int trainRows)
    {
        var layout = CheckpointLayout.Of(network, doc.Settings.Optimizer);
        // The best epoch's copies are left out when that epoch is the last one (its weights are the parameters).
        bool withBest = doc.BestEpoch != doc.Epoch || doc.Tensors.Keys.Any(CheckpointLayout.IsBest);
        var expected = layout.Names(withBest).ToList();
        // The monitor's blocks are all there or none (a checkpoint written before they were kept); the measured weights likewise.
        if (doc.Tensors.Keys.Any(CheckpointLayout.IsMonitor))
        {
            expected.AddRange(layout.LastActive.Select(b => b.Name));
            if (layout.MeasuredWeights.Any(b => doc.Tensors.ContainsKey(b.Name))) expected.AddRange(layout.MeasuredWeights.Select(b => b.Name));
        }
        if (doc.Tensors.Keys.FirstOrDefault(k => !expected.Contains(k)) is { } unknown) return $"unknown parameter '{unknown}'; {layout.Describe()}";
        if (expected.FirstOrDefault(k => !doc.Tensors.ContainsKey(k)) is { } missing)
            return $"parameter '{missing}' is missing" + (doc.BestEpoch != doc.Epoch && CheckpointLayout.IsBest(missing)
                ? $" (the best epoch, {doc.BestEpoch}, is not the last one, {doc.Epoch})" : "");
        string widths = string.Join("-", network.Spec.Widths);
        var blocks = layout.Parameters.Concat(withBest ? layout.Parameters.Select(p => p with { Name = CheckpointLayout.Best(p.Name) }) : []).Concat(layout.Buffers)
            .Concat(layout.LastActive.Concat(layout.MeasuredWeights).Where(b => doc.Tensors.ContainsKey(b.Name)));
        foreach (var block in blocks)
            if (!doc.Tensors[block.Name].Shape.SequenceEqual(block.Shape))
                return $"parameter '{block.Name}' has shape {Format(doc.Tensors[block.Name].Shape)}; the network of its settings ({widths}) needs {Format(block.Shape)}";
        if (doc.Tensors[CheckpointLayout.Order].Shape[0] != trainRows) return $"its row order has {doc.Tensors[CheckpointLayout.Order].Shape[0]} rows, the training data has {trainRows}";
        var widthsList = network.Spec.Widths;
        var activations = network.Spec.LayerActivations;
        int hidden = widthsList.Count - 2;
        foreach (var h in doc.History)
        {
            if (h.DeadNeurons is { } dead)
            {
                if (dead.Count != hidden) return $"history of epoch {h.Epoch} measures {dead.Count} hidden layers, the network of its settings ({widths}) has {hidden}";
                foreach (var d in dead)
                    if (d.Units != widthsList[d.Layer + 1] || d.Activation != activations[d.Layer].Name)
                        return $"history of epoch {h.Epoch} measures layer {d.Layer} as {d.Units} {d.Activation} units, the network of its settings has {widthsList[d.Layer + 1]} {activations[d.Layer].Name} units";
            }
            foreach (var r in h.Recycled ?? [])
                if (r.Layer >= hidden || r.Unit >= widthsList[r.Layer + 1])
                    return $"history of epoch {h.Epoch} recycles unit {r.Unit} of layer {r.Layer}, which the network of its settings ({widths}) does not have";
            foreach (var c in h.Causes ?? [])
                if (c.Layer >= hidden || c.Unit >= widthsList[c.Layer + 1])
                    return $"history of epoch {h.Epoch} explains the death of unit {c.Unit} of layer {c.Layer}, which the network of its settings ({widths}) does not have";
        }
        return null;
    }

    /// <summary>How many numbers and characters of text the checkpoint holds: what bounds its file's size.</summary>
    public static (long Numbers, long Chars) Size(CheckpointDocument doc)
        => (doc.Tensors.Values.Sum(t => t.Shape.Aggregate(1L, (a, d) => a * d))
            + doc.History.Sum(h => 16L + (h.DeadNeurons?.Sum(d => 8L + d.DeadUnits.Count + d.InactiveUnits.Count + d.DormantUnits.Count + d.Units) ?? 0) + 2L * (h.Recycled?.Count ?? 0) + 10L * (h.Causes?.Count ?? 0))
            + doc.Settings.Hidden.Count + 64,
            doc.Tensors.Keys.Sum(k => (long)k.Length + 16) + doc.Settings.DataPath.Length + (doc.Settings.ValidationFile?.Length ?? 0)
            + (doc.Settings.Drop?.Sum(d => (long)d.Length + 4) ?? 0)
            + doc.History.Sum(h => (h.DeadNeurons?.Sum(d => (long)d.Activation.Length + 16) ?? 0) + (h.Causes?.Sum(c => (long)c.Verdict.Length + 16) ?? 0)));

    private static string? HistoryProblem(CheckpointEpochDocument h, int i)
    {
        if (h.Epoch != i) return $"history entry {i + 1} is for epoch {h.Epoch}, expected {i}";
        if (new[] { h.Loss, h.Metric, h.ValidationLoss, h.ValidationMetric }.Any(v => v is { } x && !double.IsFinite(x))) return $"history of epoch {i} has a non-finite value";
        if (!(h.Seconds >= 0 && h.Seconds <= MaxEpochSeconds)) return $"history of epoch {i} took {h.Seconds} s, not between 0 and {MaxEpochSeconds}";
        if (h.Recycled?.Any(r => r is null || r.Layer < 0 || r.Unit < 0) == true) return $"history of epoch {i} has a recycled unit that is null or negative";
        if (h.Causes is { } causes && CausesProblem(causes, i) is { } cause) return cause;
        if (h.DeadNeurons is not { } dead) return null;
        for (int l = 0; l < dead.Count; l++)
        {
            var d = dead[l];
            if (d?.Activation is null || d.DeadUnits is null || d.InactiveUnits is null || d.DormantUnits is null) return $"history of epoch {i}: a dead-neuron field of layer {l} is missing or null";
            string where = $"history of epoch {i}, layer {l}";
            if (d.Layer != l) return $"{where} is labelled layer {d.Layer}";
            if (d.Units is <= 0 or > ModelValidator.MaxWidth) return $"{where} has {d.Units} units";
            if ((UnitsProblem(d.DeadUnits, d.Units) ?? UnitsProblem(d.InactiveUnits, d.Units) ?? UnitsProblem(d.DormantUnits, d.Units)) is { } units) return $"{where}: {units}";
            if (d.NearDead < 0 || d.NearDead > d.Units) return $"{where}: {d.NearDead} near-dead units is not between 0 and {d.Units}";
            if (!(d.ZeroFraction >= 0 && d.ZeroFraction <= 1)) return $"{where}: the zero fraction {d.ZeroFraction} is not between 0 and 1";
            if (!(d.DormantTau >= 0 && double.IsFinite(d.DormantTau))) return $"{where}: the dormant τ {d.DormantTau} is not a finite number ≥ 0";
            if (Try(() => CheckpointHistory.ActiveShares(d, i), out var shares) is { } block) return block;
            if (shares!.Any(x => x is < 0 or > 1)) return $"{where}: an active share is not between 0 and 1";
        }
        return null;
    }

    /// <summary>
    /// The JSON name of the first setting that may not be null but is (written as null, or the data file or target left
    /// out; <see cref="CheckpointStore.Load"/> gives other left-out settings their defaults). Null entries of --drop count too.
    /// </summary>
    private static string? CausesProblem(IReadOnlyList<CheckpointCauseDocument> causes, int epoch)
    {
        foreach (var c in causes)
        {
            string where = $"history of epoch {epoch}";
            if (c?.Verdict is null) return $"{where} has a death cause that is null or has no verdict";
            if (c.Layer < 0 || c.Unit < 0) return $"{where} explains the death of unit {c.Unit} of layer {c.Layer} (negative)";
            if (CheckpointHistory.Verdict(c.Verdict) is null)
                return $"{where}: unknown death verdict '{c.Verdict}'; expected one of {string.Join(", ", Enum.GetNames<NeuralNet.Core.Diagnostics.DeathVerdict>())}";
            if (new[] { c.BiasChange, c.WeightChangeNorm, c.WeightNorm, c.InputRms, c.LearningRate }.Any(v => !double.IsFinite(v)))
                return $"{where} has a death cause with a non-finite value";
            if (c.LastActiveEpoch is { } last && (last < 0 || last > epoch || c.LastActiveBatch is not > 0))
                return $"{where}: unit {c.Unit} of layer {c.Layer} was last active in epoch {last}, batch {c.LastActiveBatch?.ToString() ?? "(none)"}";
        }
        return null;
    }

    /// <summary>The monitor's last-activity blocks decode as int32, with epochs from −1 (never) to the checkpoint's and batches ≥ 0.</summary>
    private static string? LastActiveProblem(CheckpointDocument doc)
    {
        foreach (var name in doc.Tensors.Keys.Where(CheckpointLayout.IsMonitor))
        {
            if (CheckpointLayout.DtypeOf(name, doc.Settings.Optimizer, doc.Settings.Precision) != TensorCodec.Int32) continue; // the measured weights: decoded above
            if (Integers<int>(doc, name, out var values) is { } problem) return problem;
            bool epochs = name.Contains("lastActiveEpoch", StringComparison.Ordinal);
            foreach (int v in values)
                if (epochs ? v < -1 || v > doc.Epoch : v < 0)
                    return $"parameter '{name}' holds {v}, " + (epochs ? $"not between -1 and {doc.Epoch}" : "a negative batch number");
        }
        return null;
    }

    private static string? MissingSetting(TrainSettings s)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in typeof(TrainSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.CanWrite && !property.PropertyType.IsValueType && nullability.Create(property).ReadState == NullabilityState.NotNull
                && property.GetValue(s) is null)
                return JsonNamingPolicy.CamelCase.ConvertName(property.Name);
        return s.Drop.Any(d => d is null) ? "drop" : null;
    }

    /// <summary>A unit list must be ascending (so without repeats) and within the layer.</summary>
    private static string? UnitsProblem(IReadOnlyList<int> units, int count)
    {
        for (int k = 0; k < units.Count; k++)
        {
            if (units[k] < 0 || units[k] >= count) return $"unit {units[k]} is not between 0 and {count - 1}";
            if (k > 0 && units[k] <= units[k - 1]) return $"unit {units[k]} follows {units[k - 1]} (a unit list is ascending)";
        }
        return null;
    }

    private static string? Integers<T>(CheckpointDocument doc, string name, out T[] values) where T : IBinaryInteger<T>
    {
        values = [];
        if (!doc.Tensors.TryGetValue(name, out var block)) return $"parameter '{name}' is missing";
        string? problem = Try(() => TensorCodec.DecodeIntegers<T>(block, name, block.Shape), out var decoded);
        values = decoded ?? [];
        return problem;
    }

    /// <summary>Decodes a block; the codec's message (naming it) when it cannot be decoded, else null.</summary>
    private static string? Try<TValue>(Func<TValue> decode, out TValue? value) where TValue : class
    {
        try { value = decode(); return null; }
        catch (ArgumentException e) { value = null; return e.Message; }
    }

    private static string? PermutationProblem(int[] order)
    {
        var seen = new bool[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            int r = order[i];
            if (r < 0 || r >= order.Length) return $"row order entry {i + 1} is {r}, not between 0 and {order.Length - 1}";
            if (seen[r]) return $"row {r} appears twice in the row order (not a permutation)";
            seen[r] = true;
        }
        return null;
    }

    private static string Format(IReadOnlyList<int> shape) => $"[{string.Join(", ", shape)}]";
}
