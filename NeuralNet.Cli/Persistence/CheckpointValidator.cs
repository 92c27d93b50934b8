using NeuralNet.Core.Models;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// Checks a checkpoint completely before <c>train --resume</c> uses it: first on its own (every field present, every
/// number finite, the epoch and history consistent, the row order a permutation, a usable generator state), then
/// against the network its settings build and the rows the data gives (shapes, optimizer buffers, order length).
/// Each problem is one phrase for "PATH: the checkpoint is inconsistent (…)".
/// </summary>
public static class CheckpointValidator
{
    /// <summary>The first problem of <paramref name="doc"/> on its own, or null when it is usable.</summary>
    public static string? Problem(CheckpointDocument doc)
    {
        if (doc.Settings?.DataPath is null || doc.Settings.Target is null || doc.Settings.Hidden is null || doc.Settings.Optimizer is null
            || doc.Parameters is null || doc.BestParameters is null || doc.OptimizerState is null || doc.RngState is null || doc.Order is null
            || doc.History is null || doc.DataSha256 is null
            || doc.Parameters.Concat(doc.BestParameters).Concat(doc.OptimizerState.Values).Any(v => v is null) || doc.History.Any(h => h is null))
            return "a required field is missing or null";
        if (doc.Epoch < 0) return $"epoch {doc.Epoch} is negative";
        if (doc.History.Count != (long)doc.Epoch + 1) return $"epoch {doc.Epoch} needs {(long)doc.Epoch + 1} history entries (epochs 0 to {doc.Epoch}), it has {doc.History.Count}";
        for (int i = 0; i < doc.History.Count; i++)
        {
            var h = doc.History[i];
            if (h.Epoch != i) return $"history entry {i + 1} is for epoch {h.Epoch}, expected {i}";
            if (new[] { h.Loss, h.Metric, h.ValidationLoss, h.ValidationMetric }.Any(v => v is { } x && !double.IsFinite(x))) return $"history of epoch {i} has a non-finite value";
        }
        if (doc.Parameters.Count == 0) return "it has no parameters";
        if (doc.OptimizerSteps < 0) return $"the optimizer's step count {doc.OptimizerSteps} is negative";
        if (doc.RngState.Length != 4 || doc.RngState.All(w => w == 0)) return "the random-number state must be four words, not all zero";
        if (doc.BestEpoch < 0 || doc.BestEpoch > doc.Epoch) return $"the best epoch {doc.BestEpoch} is not between 0 and {doc.Epoch}";
        if (doc.SinceImprovement < 0 || doc.SinceImprovement > doc.Epoch) return $"epochs since the last improvement ({doc.SinceImprovement}) is not between 0 and {doc.Epoch}";
        if (doc.BestMonitored is { } best && !double.IsFinite(best)) return "the best monitored loss is not finite";
        if (doc.Parameters.Concat(doc.BestParameters).Concat(doc.OptimizerState.Values).Any(v => v.Any(x => !double.IsFinite(x)))) return "a parameter or optimizer value is not finite";
        if (PermutationProblem(doc.Order) is { } order) return order;
        return null;
    }

    /// <summary>The first way <paramref name="doc"/> does not fit <paramref name="network"/> and <paramref name="trainRows"/> training rows, or null.</summary>
    public static string? Mismatch(CheckpointDocument doc, Network network, int trainRows)
    {
        var names = network.ParameterNames;
        var lengths = network.ParameterValues().Select(v => v.Length).ToArray();
        if (doc.Parameters.Count != names.Count) return $"it has {doc.Parameters.Count} parameter arrays, the network of its settings ({string.Join("-", network.Spec.Widths)}) has {names.Count}";
        for (int i = 0; i < names.Count; i++)
        {
            if (doc.Parameters[i].Length != lengths[i]) return $"parameter '{names[i]}' has {doc.Parameters[i].Length} values, the network of its settings needs {lengths[i]}";
            if (doc.BestParameters.Count != names.Count || doc.BestParameters[i].Length != lengths[i]) return $"the best epoch's '{names[i]}' does not have {lengths[i]} values";
        }
        // The buffers the optimizer of these settings keeps, by name and length.
        var shapes = names.Select((n, i) => new NeuralNet.Core.Parameter<float>(n, lengths[i], 1, false)).ToList();
        var expected = OptimizerRegistry.Create(doc.Settings.Optimizer, shapes, doc.Settings.LearningRate).State;
        foreach (var (key, buffer) in expected)
            if (!doc.OptimizerState.TryGetValue(key, out var saved) || saved.Length != buffer.Length)
                return $"optimizer state '{key}' is missing or does not have {buffer.Length} values";
        if (doc.OptimizerState.Keys.FirstOrDefault(k => !expected.ContainsKey(k)) is { } extra) return $"optimizer state '{extra}' does not belong to {doc.Settings.Optimizer}";
        if (doc.Order.Length != trainRows) return $"its row order has {doc.Order.Length} rows, the training data has {trainRows}";
        return null;
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

    /// <summary>How many numbers and characters of text the checkpoint holds: what bounds its file's size.</summary>
    public static (long Numbers, long Chars) Size(CheckpointDocument doc)
        => (doc.Parameters.Concat(doc.BestParameters).Concat(doc.OptimizerState.Values).Sum(v => (long)v.Length) + doc.Order.Length
            + doc.History.Count * 16L + doc.Settings.Hidden.Count + 64,
            doc.OptimizerState.Keys.Sum(k => (long)k.Length) + doc.Settings.DataPath.Length + (doc.Settings.ValidationFile?.Length ?? 0)
            + (doc.Settings.Drop?.Sum(d => (long)d.Length + 4) ?? 0));
}
