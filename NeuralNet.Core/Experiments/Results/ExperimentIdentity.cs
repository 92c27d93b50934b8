using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NeuralNet.Core.Experiments.Results;

/// <summary>
/// What makes two results files parts of the same experiment: the tool version, the data's SHA-256 and the grid's
/// (every run's settings in grid order). It is the first line of a results file; shards, resumed and merged files
/// of one experiment carry the same identity, which is why the shard is not part of it.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="SchemaVersion">The results file's schema version (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="ToolVersion">Version of the tool that ran the grid.</param>
/// <param name="DataSha256">SHA-256 of the data file(s), lowercase hex.</param>
/// <param name="GridSha256">SHA-256 of the grid's runs (settings, in order), lowercase hex.</param>
/// <param name="Runs">Runs in the whole grid (all shards).</param>
/// <param name="HasValidation">Whether the metric is a validation metric.</param>
public sealed record ExperimentIdentity(
    string Format, int SchemaVersion, string ToolVersion, string DataSha256, string GridSha256, int Runs, bool HasValidation)
{
    /// <summary>The format name of a results file.</summary>
    public const string FormatName = "neuralnet-experiment-results";

    /// <summary>The schema version this tool writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The identity of <paramref name="runs"/> on data whose hash is <paramref name="dataSha256"/>.</summary>
    public static ExperimentIdentity Of(IReadOnlyList<RunSettings> runs, string toolVersion, string dataSha256, bool hasValidation)
    {
        ArgumentNullException.ThrowIfNull(runs);
        string grid = JsonSerializer.Serialize(runs, ResultsJson.Options);
        string gridSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grid)));
        return new ExperimentIdentity(FormatName, CurrentSchemaVersion, toolVersion, dataSha256, gridSha, runs.Count, hasValidation);
    }

    /// <summary>
    /// Why <paramref name="other"/> is not part of this experiment (for example "different data: SHA-256 ab12… here,
    /// cd34… in shard.jsonl"), or null when it is.
    /// </summary>
    public string? DifferenceFrom(ExperimentIdentity other, string otherName)
    {
        ArgumentNullException.ThrowIfNull(other);
        static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
        if (other.SchemaVersion != SchemaVersion) return $"results schema {other.SchemaVersion} in {otherName}, {SchemaVersion} expected";
        if (other.ToolVersion != ToolVersion) return $"different tool version: {ToolVersion} here, {other.ToolVersion} in {otherName}";
        if (other.DataSha256 != DataSha256) return $"different data: SHA-256 {Short(DataSha256)} here, {Short(other.DataSha256)} in {otherName}";
        if (other.GridSha256 != GridSha256 || other.Runs != Runs)
            return $"a different grid: {Runs} runs with settings hash {Short(GridSha256)} here, {other.Runs} runs with {Short(other.GridSha256)} in {otherName}";
        if (other.HasValidation != HasValidation) return $"different validation settings in {otherName}";
        return null;
    }
}
