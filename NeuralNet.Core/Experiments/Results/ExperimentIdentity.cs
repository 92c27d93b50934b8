using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NeuralNet.Core.Experiments.Results;

/// <summary>
/// What makes two results files parts of the same experiment: the tool version, the data's SHA-256 and the grid's
/// (every run's settings in grid order, including its data sample), with every setting of the command spelled out in
/// <see cref="Settings"/> so that a difference can be named. It is the first line of a results file and the metadata
/// of every output; shards, resumed and merged files of one experiment carry the same identity, which is why neither
/// the shard nor the thread count is part of it. <see cref="DataFile"/> and <see cref="Created"/> are told, not compared.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="SchemaVersion">The results file's schema version (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="ToolVersion">Version of the tool that ran the grid.</param>
/// <param name="DataFile">The data file's name (not compared: the hash is).</param>
/// <param name="DataSha256">SHA-256 of the data file, lowercase hex.</param>
/// <param name="GridSha256">SHA-256 of the grid's runs (settings, in order), lowercase hex.</param>
/// <param name="Runs">Runs in the whole grid (all shards).</param>
/// <param name="HasValidation">Whether the metric is a validation metric.</param>
/// <param name="Settings">Every setting of the experiment by name (grid axes, training options, data sampling, data options).</param>
/// <param name="Created">When the grid was started, UTC, ISO 8601 (not compared; <c>SOURCE_DATE_EPOCH</c> pins it).</param>
public sealed record ExperimentIdentity(
    string Format, int SchemaVersion, string ToolVersion, string DataFile, string DataSha256, string GridSha256, int Runs, bool HasValidation,
    IReadOnlyDictionary<string, string> Settings, string Created)
{
    /// <summary>The format name of a results file.</summary>
    public const string FormatName = "neuralnet-experiment-results";

    /// <summary>The schema version this tool writes and reads (2: settings, data file and date added; runs carry their training spec).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The identity of <paramref name="runs"/> on data whose hash is <paramref name="dataSha256"/>.</summary>
    public static ExperimentIdentity Of(IReadOnlyList<RunSettings> runs, string toolVersion, string dataFile, string dataSha256, bool hasValidation,
        IReadOnlyDictionary<string, string> settings, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(settings);
        string grid = JsonSerializer.Serialize(runs, ResultsJson.Options);
        string gridSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grid)));
        return new ExperimentIdentity(FormatName, CurrentSchemaVersion, toolVersion, dataFile, dataSha256, gridSha, runs.Count, hasValidation,
            new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal), Timestamp(created));
    }

    /// <summary>"2026-12-02T18:04:05Z".</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Now, or the time <c>SOURCE_DATE_EPOCH</c> (seconds since 1970, the reproducible-builds convention) names, so that
    /// separate processes can write byte-identical files.
    /// </summary>
    public static DateTimeOffset Now(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return long.TryParse(environment("SOURCE_DATE_EPOCH"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow;
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
        var differing = Settings.Keys.Union(other.Settings.Keys).Order(StringComparer.Ordinal)
            .Where(k => Settings.GetValueOrDefault(k) != other.Settings.GetValueOrDefault(k)).ToList();
        string named = differing.Count == 0 ? "" : " (" + string.Join("; ", differing.Select(k =>
            $"{k} is {Settings.GetValueOrDefault(k) ?? "unset"} here, {other.Settings.GetValueOrDefault(k) ?? "unset"} there")) + ")";
        if (other.GridSha256 != GridSha256 || other.Runs != Runs || differing.Count > 0)
            return $"a different grid: {Runs} runs with settings hash {Short(GridSha256)} here, {other.Runs} runs with {Short(other.GridSha256)} in {otherName}{named}";
        if (other.HasValidation != HasValidation) return $"different validation settings in {otherName}";
        return null;
    }
}
