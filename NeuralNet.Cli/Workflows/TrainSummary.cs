using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Cli.Workflows;

/// <summary>The words <c>train</c> prints before and after training, and the documents it writes (settings, --json report).</summary>
internal sealed class TrainSummary(TrainSettings s, long seed, bool seedPicked, DataSource table, TrainingData data, Network network)
{
    private string MetricName => data.Target.IsClassification ? "acc" : "r2";

    private string Architecture => string.Join(" → ", network.Spec.Widths);

    public void PrintStart(Reporter r)
    {
        if (!r.Normal) return;
        r.Line(seedPicked ? $"seed     {seed} (picked at random; pass --seed {seed} to repeat this run)" : $"seed     {seed}");
        string target = data.Target.IsClassification
            ? $"classification, {data.Target.Classes.Count} classes: {string.Join(", ", data.Target.Classes)}"
            : $"regression, standardized with mean {Format.Value(data.Target.Mean)} and std {Format.Value(data.Target.Scale)}";
        string scaling = ScalingText(data.Features) is { } text ? $" (scaling {text})" : "";
        r.Line($"data     {table.Source}: {table.RowCount} rows, {data.Features.Count} feature columns → {network.Spec.Inputs} inputs{scaling}; target '{data.Target.Name}' ({target})");
        string split = s.ValidationFile is not null
            ? $"{data.Validation?.Rows ?? 0} validation rows from {s.ValidationFile}"
            : data.Validation is null ? "no validation rows"
            : $"{data.Validation.Rows} validation rows (shuffled with the seed{(data.Target.IsClassification ? ", stratified by class" : "")})";
        r.Line($"split    {data.Train.Rows} training rows, {split}");
        string activation = s.Activation + (s.Alpha is { } a ? $" (α {Format.Plain(a)})" : "") + (s.Activation.Split(',').Contains("prelu") ? $", one α per {s.PreluMode}" : "");
        r.Line($"network  {Architecture}, {activation}, {data.Target.Loss}; {s.Optimizer} lr {Format.Plain(s.LearningRate)}, batch {s.BatchSize}; " +
               $"{network.ParameterCount:N0} parameters ({network.Precision})");
        if (r.Verbose)
            foreach (var f in data.Features)
                r.Line(f.IsNumeric
                    ? $"column   '{f.Name}': numeric, {f.DescribeScaling()}"
                    : $"column   '{f.Name}': categorical, one-hot over {f.Categories.Count} values ({string.Join(", ", f.Categories.Take(10))}{(f.Categories.Count > 10 ? ", ..." : "")})");
        foreach (var note in data.Notes) r.Line("note     " + note);
    }

    /// <summary>
    /// How the numeric features are scaled: "minmax", or each scaling with its column count when they differ
    /// ("standard (3 columns), minmax (1 column)"); null when no feature is numeric.
    /// </summary>
    public static string? ScalingText(IEnumerable<FeatureColumn> features)
    {
        var groups = features.Where(f => f.IsNumeric).GroupBy(f => f.Scaling).ToList();
        return groups.Count switch
        {
            0 => null,
            1 => groups[0].Key,
            _ => string.Join(", ", groups.Select(g => $"{g.Key} ({g.Count()} column{(g.Count() == 1 ? "" : "s")})")),
        };
    }

    public void PrintEnd(Reporter r, TrainingResult result, FinalMetricsDocument final, IReadOnlyList<string> verdict, TimeSpan elapsed)
    {
        if (r.Normal)
        {
            r.Line();
            r.Line("stopped: " + StopText(result, $" in {Format.Duration(elapsed)}"));
            r.Line("final:   " + FinalText(final));
            if (result.FinalDeadNeurons is { Count: > 0 } dead)
            {
                r.Line();
                r.Heading($"dead neurons (measured on the {data.Train.Rows} training rows with the final weights)");
                r.Table(DeadNeuronReport.Table(dead, result.Timeline));
                foreach (var line in verdict) r.Line(line);
                if (r.Verbose && result.DeathCauses.Count > 0 && dead.Any(d => d.Dead > 0))
                {
                    r.Line();
                    r.Heading("why the dead units died (what moved each since the last measurement it was alive at)");
                    r.Table(DeadNeuronReport.CauseTable(dead, result.DeathCauses));
                }
            }
            r.Line();
        }
        string saved = $"saved model to {s.OutPath}" + (s.MetricsCsv is { } m ? $", metrics to {m}" : "") + (s.Plot is { } p ? $", chart to {p}" : "") + (s.Report is { } h ? $", report to {h}" : "");
        if (result.StopReason == StopReason.Cancelled)
            saved = $"interrupted: {saved} " + (result.RestoredBestWeights
                ? $"(the best weights, from epoch {result.BestEpoch})"
                : $"(the weights of epoch {result.BestEpoch}, the last finished epoch)");
        r.Line(r.Normal ? saved : $"{saved}; {FinalText(final)}");
    }

    private string StopText(TrainingResult result, string took)
    {
        string restored = result.RestoredBestWeights ? $"; restored the best weights, from epoch {result.BestEpoch} ({MonitoredAt(result, result.BestEpoch)})" : "";
        return result.StopReason switch
        {
            StopReason.EarlyStopped => $"early stopping after epoch {result.EpochsRun}{took}: {(data.Validation is null ? "loss" : "val_loss")} did not improve for {s.Patience} epochs{restored}",
            StopReason.Cancelled => $"interrupted (Ctrl-C or SIGTERM) after {result.EpochsRun} finished epochs{took}{restored}",
            _ when s.Epochs == 0 => "--epochs 0: the initial network was evaluated, not trained",
            _ => $"completed all {s.Epochs} epochs{took}{restored}" + (s.Patience is null && BestEpochNote.Text(result.History) is { } best ? "; " + best : ""),
        };
    }

    private string MonitoredAt(TrainingResult result, int epoch)
    {
        var m = result.History.FirstOrDefault(h => h.Epoch == epoch);
        return m?.ValidationLoss is { } v ? $"val_loss {Format.Value(v)}" : m is null ? "" : $"loss {Format.Value(m.Loss)}";
    }

    private string FinalText(FinalMetricsDocument f)
    {
        var parts = new List<string>();
        if (f.Loss is { } l) parts.Add($"loss {Format.Value(l)}");
        if (f.Metric is { } m) parts.Add($"{MetricName} {Format.Value(m)}");
        if (f.ValidationLoss is { } vl) parts.Add($"val_loss {Format.Value(vl)}");
        if (f.ValidationMetric is { } vm) parts.Add($"val_{MetricName} {Format.Value(vm)}");
        return string.Join("  ", parts);
    }

    public TrainingSettingsDocument SettingsDocument(TrainingResult result)
        => TrainingSettingsMapper.ToDocument(s.ToSpec(seed), data, result, s.DataPath, s.ValidationFile) with { Hidden = network.Spec.Hidden };

    /// <summary>The name of a stop reason in files and reports.</summary>
    public static string StopName(StopReason reason) => TrainingSettingsMapper.StopName(reason);

    public TrainReportDocument JsonReport(TrainingResult result, FinalMetricsDocument final, IReadOnlyList<string> verdict) => new(
        seed, seedPicked,
        new DataSummaryDocument(table.Source, data.Train.Rows, data.Validation?.Rows ?? 0, network.Spec.Inputs, data.Target.Name,
            data.Target.Task, data.Target.Classes, data.Target.Loss, data.Notes),
        Architecture, network.ParameterCount, network.Precision, StopName(result.StopReason), result.EpochsRun, result.BestEpoch,
        result.RestoredBestWeights, null, final, result.History.Select(ModelMapper.ToDocument).ToList(),
        DeadLayers(result.FinalDeadNeurons ?? [], result.Timeline, result.DeathCauses), verdict, s.OutPath, s.MetricsCsv);

    public static IReadOnlyList<DeadLayerDocument> DeadLayers(IReadOnlyList<LayerDeadStats> stats, IReadOnlyList<LayerTimeline>? timeline,
        IReadOnlyList<DeathCause>? causes = null)
        => stats.Select(d =>
        {
            var t = timeline?.FirstOrDefault(x => x.Layer == d.Layer);
            return new DeadLayerDocument(d.Layer, d.Activation, d.Units, d.Dead, d.Inactive, d.NearDead, t?.BornDead, t?.Revived,
                t?.FirstDeathEpoch, d.ZeroFraction, d.WholeLayerDead, d.DeadUnits, d.InactiveUnits, d.Dormant, d.DormantTau, d.DormantUnits)
            {
                Recycled = t?.Recycled,
                Causes = causes is null ? null : DeadNeuronReport.CausesOfDead(d, causes).Select(c => new DeathCauseDocument(
                    c.Unit, c.Epoch, c.LastActiveEpoch, c.LastActiveBatch, c.BiasChange, c.WeightChangeNorm, c.WeightNorm, c.InputRms,
                    c.LearningRate, DeathCause.Describe(c.Verdict))).ToList(),
            };
        }).ToList();
}

/// <summary>What the summary says about the training file: its name and row count (the table itself is let go once encoded).</summary>
internal sealed record DataSource(string Source, int RowCount);
