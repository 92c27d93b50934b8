using System.Globalization;
using System.Text;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>experiment --out-csv</c>: one row per run with what varies (setting, seed, data sample) and its results, then
/// the experiment's metadata as columns of every row (each setting as <c>setting_…</c>, the tool version, the data
/// file, its SHA-256 and the date), so the file stays one tidy table that pandas or R read as it is.
/// </summary>
public static class ExperimentCsv
{
    private static readonly string[] RunHeader =
        ["run", "activation", "alpha", "hidden", "lr", "init", "bias_init", "recycle", "seed", "sample", "metric_name", "metric", "final_loss", "val_loss",
         "dead", "inactive", "units", "born_dead", "born_dead_network", "dead_layer_at_end", "recycled", "best_epoch", "epochs_run", "stop_reason"];

    /// <summary>Writes the header and one row per run.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<RunOutcome> outcomes, ExperimentIdentity identity)
    {
        var settings = identity.Settings.ToList();
        string[] header = [.. RunHeader, .. settings.Select(e => "setting_" + Snake(e.Key)), "tool_version", "data_file", "data_sha256", "date"];
        string[] metadata = [.. settings.Select(e => e.Value), identity.ToolVersion, identity.DataFile, identity.DataSha256, identity.Created];
        CsvTableWriter.Write(writer, header, outcomes.Select(o => (IReadOnlyList<string>)[.. RunRow(o), .. metadata]));
    }

    private static IReadOnlyList<string> RunRow(RunOutcome o)
    {
        var n = o.Settings.Spec;
        string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        return [I(o.Index), n.Activation, F(n.Alpha), string.Join(" ", n.Hidden), F(n.LearningRate), n.Init, F(n.BiasInit), n.Recycle.ToString().ToLowerInvariant(),
            o.Settings.Seed.ToString(CultureInfo.InvariantCulture), I(o.Settings.SampleIndex), o.MetricName,
            F(o.Metric), F(o.Result.Last.Loss), F(o.Result.Last.ValidationLoss), I(o.Dead), I(o.Inactive), I(o.Units), I(o.BornDead),
            o.BornDeadLayer ? "true" : "false", o.DeadLayerAtEnd ? "true" : "false", I(o.Recycled), I(o.BestEpoch), I(o.Result.EpochsRun), o.Result.StopReason.ToString()];
    }

    /// <summary>"BatchSize" → "batch_size".</summary>
    private static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
