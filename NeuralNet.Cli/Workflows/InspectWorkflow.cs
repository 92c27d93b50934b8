using NeuralNet.Core.Models;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Diagnostics;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet inspect MODEL [DATA]</c>: architecture, parameter counts, activations and α, training settings and seed;
/// with data, each hidden unit's activity rate and the dead units.
/// </summary>
public static class InspectWorkflow
{
    /// <summary>Prints the model's description and returns the exit code.</summary>
    /// <exception cref="CliException">On a data error.</exception>
    public static int Run(DataFileSettings s, Reporter r)
    {
        var model = Model.Load(s.ModelPath);
        var doc = model.Document;
        var t = doc.Training;
        (string Source, int Rows, IReadOnlyList<LayerActivity> Layers)? activity = s.DataPath is null ? null : Activity(s, model);
        if (s.Json)
        {
            r.Json(ReportJson.ToJson(JsonReport(s, model, activity)));
            return ExitCodes.Ok;
        }
        r.Line($"model      {s.ModelPath} ({doc.Format} schema {doc.SchemaVersion}, written by neuralnet {doc.ToolVersion} on {doc.CreatedUtc:yyyy-MM-dd HH:mm} UTC)");
        r.Line($"seed       {doc.Seed}");
        r.Line($"target     '{model.Target.Name}': {model.Target.Task}" +
               (model.Target.IsClassification ? $", classes {string.Join(", ", model.Target.Classes)}" : $", mean {Format.Value(model.Target.Mean)}, std {Format.Value(model.Target.Scale)}") +
               $"; loss {doc.Loss}");
        r.Line($"inputs     {model.Network.Spec.Inputs} from {model.Features.Count} columns: " +
               string.Join(", ", model.Features.Select(f => f.IsNumeric ? f.Name : $"{f.Name} (one-hot, {f.Categories.Count} values)")));
        if (TrainSummary.ScalingText(model.Features) is { } scaling) r.Line($"scaling    {scaling} (numeric columns)");
        r.Line($"network    {string.Join(" → ", model.Network.Spec.Widths)}, {model.Network.ParameterCount:N0} parameters ({doc.Precision})");
        r.Table(new ReportTable(["layer", "inputs", "units", "activation", "α", "parameters"],
            doc.Layers.Select((l, i) => new[]
            {
                i == doc.Layers.Count - 1 ? "output" : i.ToString(), l.Inputs.ToString(), l.Units.ToString(), l.Activation,
                AlphaText(l), Parameters(l).ToString("N0"),
            }).ToList(),
            [false, true, true, false, false, true]));
        r.Line($"training   {t.Optimizer} lr {Format.Plain(t.LearningRate)}, weight decay {Format.Plain(t.WeightDecay)}, batch {t.BatchSize}, " +
               $"init {t.Initializer}, bias init {Format.Plain(t.BiasInit)}, patience {t.Patience?.ToString() ?? "off"}");
        r.Line($"run        {t.EpochsRun} of {t.Epochs} epochs, {t.StopReason}; weights of epoch {t.BestEpoch}; " +
               $"{t.TrainRows} training rows from {t.DataFile}, {t.ValidationRows} validation rows");
        if (doc.History.LastOrDefault(h => h.Epoch == t.BestEpoch) is { } best && best.Epoch > 0)
            r.Line($"metrics    epoch {best.Epoch}: loss {Value(best.Loss)}" + (best.ValidationLoss is { } vl ? $", val_loss {Format.Value(vl)}" : "") +
                   (best.ValidationMetric is { } vm ? $", val_{(model.Target.IsClassification ? "acc" : "r2")} {Format.Value(vm)}" : ""));
        if (activity is { } a) PrintActivity(r, a);
        return ExitCodes.Ok;
    }

    private static InspectReportDocument JsonReport(DataFileSettings s, Model model, (string Source, int Rows, IReadOnlyList<LayerActivity> Layers)? activity)
    {
        var doc = model.Document;
        return new InspectReportDocument(s.ModelPath, doc.Format, doc.SchemaVersion, doc.ToolVersion, doc.CreatedUtc, doc.Seed, doc.Precision,
            doc.Target, doc.Loss, model.Network.Spec.Inputs, model.Features.Select(ModelMapper.ToDocument).ToList(), model.Network.ParameterCount,
            doc.Layers.Select((l, i) => new InspectLayerDocument(i, l.Inputs, l.Units, l.Activation, l.Alpha, l.AlphaValues, Parameters(l))).ToList(),
            doc.Training,
            activity?.Layers.Select(a =>
            {
                var stats = LayerDeadStats.From(a);
                return new InspectActivityDocument(a.Layer, a.Activation, a.Units, stats.Dead, stats.Inactive, stats.NearDead,
                    Enumerable.Range(0, a.Units).Select(a.ActiveShare).ToList());
            }).ToList());
    }

    private static int Parameters(LayerDocument l) => l.Inputs * l.Units + l.Units + (l.AlphaValues?.Length ?? 0);

    private static string Value(double? v) => v is { } x ? Format.Value(x) : "-";

    /// <summary>α of a layer: LeakyReLU's fixed slope, PReLU's learned value or the min/mean/max of its per-unit values.</summary>
    private static string AlphaText(LayerDocument l) => l.Activation switch
    {
        "leaky-relu" => $"{Format.Plain(l.Alpha ?? 0.01)} (fixed)",
        "prelu" when l.AlphaValues is [var one] => $"{Format.Value(one)} (learned, one per layer)",
        "prelu" when l.AlphaValues is { Length: > 0 } a => $"min {Format.Value(a.Min())}, mean {Format.Value(a.Average())}, max {Format.Value(a.Max())} (learned, per unit)",
        _ => "-",
    };

    private static (string Source, int Rows, IReadOnlyList<LayerActivity> Layers) Activity(DataFileSettings s, Model model)
    {
        var encoder = new DataEncoder(model.Features, model.Target, ValueParser.ForCulture(s.Culture), s.Missing);
        var table = CsvTableReader.Read(s.DataPath!, s.Delimiter, s.MaxFileBytes, s.Culture, textColumns: encoder.TextColumns);
        var data = encoder.Encode(table, targetRequired: false);
        return (table.Source, data.Rows, model.Network.Activity(data.Features).ToList());
    }

    private static void PrintActivity(Reporter r, (string Source, int Rows, IReadOnlyList<LayerActivity> Layers) activity)
    {
        r.Line();
        r.Heading($"unit activity on the {activity.Rows} rows of {activity.Source} (share of rows on which the unit's input is positive)");
        foreach (var layer in activity.Layers)
        {
            var stats = LayerDeadStats.From(layer);
            r.Line($"layer {layer.Layer} ({layer.Units} {layer.Activation} units): {stats.Dead} dead, {stats.Inactive} inactive, {stats.NearDead} near-dead");
            const int perLine = 8;
            for (int start = 0; start < layer.Units; start += perLine)
                r.Line("  " + string.Join("  ", Enumerable.Range(start, Math.Min(perLine, layer.Units - start))
                    .Select(u => $"u{u}:{Format.Percent(layer.ActiveShare(u)),4}{(layer.IsDead(u) ? " dead" : layer.IsInactive(u) ? " inactive" : "")}")));
            if (stats.DeadUnits.Count > 0) r.Line($"  dead units: {string.Join(", ", stats.DeadUnits.Select(u => $"u{u}"))}");
            if (stats.InactiveUnits.Count > 0) r.Line($"  inactive units: {string.Join(", ", stats.InactiveUnits.Select(u => $"u{u}"))}");
        }
    }
}
