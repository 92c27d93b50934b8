using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Cli.Reporting;

/// <summary>
/// The dead-neuron report: a table row per hidden layer and a verdict in plain words with advice. Pure text, so the
/// same words reach the terminal, the --json report and the tests.
/// </summary>
public static class DeadNeuronReport
{
    /// <summary>A dead share at or above this gets advice (keras-contrib's DeadReluDetector warns at 10%).</summary>
    public const double AdviceShare = 0.10;

    /// <summary>The table: one row per hidden layer (numbered from 1).</summary>
    /// <param name="stats">Final statistics per hidden layer.</param>
    /// <param name="timeline">Training timeline per hidden layer, or null (evaluate: no training history).</param>
    public static ReportTable Table(IReadOnlyList<LayerDeadStats> stats, IReadOnlyList<LayerTimeline>? timeline)
    {
        var headers = new List<string> { "layer", "activation", "units", "dead", "inactive", "near-dead", $"dormant (τ={Format.Plain(stats.Count > 0 ? stats[0].DormantTau : 0)})" };
        if (timeline is not null) headers.AddRange(["born dead", "revived", "first death"]);
        headers.Add("zero fraction");
        var rows = stats.Select(s =>
        {
            var row = new List<string> { s.Layer.ToString(), s.Activation, s.Units.ToString(), s.Dead.ToString(), s.Inactive.ToString(), s.NearDead.ToString(), s.Dormant.ToString() };
            if (timeline is not null)
            {
                var t = timeline.FirstOrDefault(x => x.Layer == s.Layer);
                row.AddRange([t?.BornDead.ToString() ?? "-", t?.Revived.ToString() ?? "-", t?.FirstDeathEpoch is { } e ? $"epoch {e}" : "-"]);
            }
            row.Add(Format.Percent(s.ZeroFraction));
            return row.ToArray();
        }).ToList();
        return new ReportTable(headers, rows, headers.Select(h => h is not ("activation" or "first death")).ToList());
    }

    /// <summary>The verdict: one sentence per layer with a problem, or one saying all is well.</summary>
    /// <param name="stats">Final statistics per hidden layer.</param>
    /// <param name="timeline">Training timeline, or null.</param>
    /// <param name="rowsDescription">How to name the rows measured on: "training row", "row of test.csv".</param>
    /// <param name="initializer">The initializer the model was trained with (advice differs for He).</param>
    /// <param name="causes">What killed each unit (the training run's <c>DeathCauses</c>), or null.</param>
    public static IReadOnlyList<string> Verdict(
        IReadOnlyList<LayerDeadStats> stats, IReadOnlyList<LayerTimeline>? timeline, string rowsDescription, string initializer,
        IReadOnlyList<DeathCause>? causes = null)
    {
        var lines = new List<string>();
        foreach (var s in stats)
        {
            string layer = $"layer {s.Layer}";
            string kind = UnitName(s.Activation);
            if (s.WholeLayerDead)
            {
                string starved = s.Layer > 0 ? " and the layers before it get no gradient" : "";
                lines.Add($"{layer}: all {s.Units} {kind} units are dead: the layer outputs the same value for every {rowsDescription}, " +
                          $"so the network's output is constant{starved}. {Advice(s.Activation, initializer)}");
                if (WhyLine(layer, s, causes) is { } whole) lines.Add(whole);
                continue;
            }
            if (s.Dead > 0)
            {
                string line = $"{layer}: {s.Dead} of {s.Units} {kind} units ({Format.Percent(s.DeadShare)}) are dead: " +
                              $"they output 0 for every {rowsDescription} and can no longer learn.";
                var t = timeline?.FirstOrDefault(x => x.Layer == s.Layer);
                if (t is { BornDead: > 0 }) line += $" {t.BornDead} unit(s) of this layer were already dead at initialization (check --bias-init and that the inputs are scaled).";
                if (s.DeadShare >= AdviceShare) line += " " + Advice(s.Activation, initializer);
                lines.Add(line);
                if (WhyLine(layer, s, causes) is { } why) lines.Add(why);
            }
            if (s.Inactive > 0)
                lines.Add($"{layer}: {s.Inactive} of {s.Units} {kind} units ({Format.Percent((double)s.Inactive / s.Units)}) are inactive: " +
                          $"negative for every {rowsDescription}, but their negative slope still passes gradient, so they can recover.");
            if (s.NearDead > 0)
                lines.Add($"{layer}: {s.NearDead} of {s.Units} units are near-dead: positive for fewer than 1% of rows.");
        }
        foreach (var t in timeline?.Where(t => t.Recycled > 0) ?? [])
            lines.Add($"layer {t.Layer}: {t.Recycled} recycling(s) of {t.RecycleEpochs.Count(e => e.Count > 0)} unit(s) (ReDo).");
        var revived = timeline?.Where(t => t.Revived > 0).ToList() ?? [];
        foreach (var t in revived)
            lines.Add($"layer {t.Layer}: {t.Revived} unit(s) died and later revived during training.");
        if (lines.Count == 0)
            lines.Add(stats.Count == 0
                ? "no hidden layers, so no units can die."
                : $"no dead units: every hidden unit is positive for some {rowsDescription}.");
        return lines;
    }

    /// <summary>"layer 2: why they died: 5 large step (learning rate too high), 1 unclear", or null when no cause is known.</summary>
    private static string? WhyLine(string layer, LayerDeadStats s, IReadOnlyList<DeathCause>? causes)
    {
        var why = CausesOfDead(s, causes).GroupBy(c => c.Verdict).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => $"{g.Count()} {DeathCause.Describe(g.Key)}").ToList();
        return why.Count == 0 ? null : $"{layer}: why they died: {string.Join(", ", why)} (rule: docs/EXPERIMENTS.md, \"Why a unit died\").";
    }

    /// <summary>For each unit dead in <paramref name="stats"/>, the latest recorded cause of its death (units without one are left out).</summary>
    public static IReadOnlyList<DeathCause> CausesOfDead(LayerDeadStats stats, IReadOnlyList<DeathCause>? causes)
    {
        if (causes is null) return [];
        return stats.DeadUnits.Select(u => causes.LastOrDefault(c => c.Layer == stats.Layer && c.Unit == u)).OfType<DeathCause>().ToList();
    }

    /// <summary>One row per unit dead at the end (layers numbered from 0, as in every report line): when it died, when it was last active, what moved it and the verdict.</summary>
    public static ReportTable CauseTable(IReadOnlyList<LayerDeadStats> stats, IReadOnlyList<DeathCause> causes)
    {
        string[] headers = ["layer", "unit", "died after", "last active", "Δbias", "‖Δw‖", "‖w‖", "x rms", "lr", "verdict"];
        var rows = stats.SelectMany(s => CausesOfDead(s, causes)).Select(c => new[]
        {
            c.Layer.ToString(), c.Unit.ToString(), $"epoch {c.Epoch}",
            c.LastActiveEpoch is { } e ? $"epoch {e} batch {c.LastActiveBatch}" : "never",
            Format.Value(c.BiasChange), Format.Value(c.WeightChangeNorm), Format.Value(c.WeightNorm), Format.Value(c.InputRms),
            Format.Plain(c.LearningRate), DeathCause.Describe(c.Verdict),
        }).ToList();
        return new ReportTable(headers, rows, headers.Select(h => h is not ("died after" or "last active" or "verdict")).ToList());
    }

    private static string UnitName(string activation) => activation switch
    {
        "relu" => "ReLU",
        "leaky-relu" => "LeakyReLU",
        "prelu" => "PReLU",
        _ => activation,
    };

    private static string Advice(string activation, string initializer)
    {
        var options = new List<string>();
        if (activation == "relu") options.Add("--activation leaky-relu");
        options.Add("a lower --lr");
        options.Add(initializer.StartsWith("he", StringComparison.Ordinal) ? "a --bias-init of 0 or slightly positive" : "--init he-normal");
        return $"Try {string.Join(", ", options.Take(options.Count - 1))} or {options[^1]}.";
    }
}
