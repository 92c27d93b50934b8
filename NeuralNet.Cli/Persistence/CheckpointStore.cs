using NeuralNet.Core;
using NeuralNet.Core.Models;
using System.Security.Cryptography;
using System.Text.Json;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Persistence;

/// <summary>Saves (atomically) and loads training checkpoints, and tells them apart from model files.</summary>
public static class CheckpointStore
{
    /// <summary>Whether <paramref name="path"/> holds a checkpoint (by its "format" field); false for anything else.</summary>
    public static bool IsCheckpoint(string path)
    {
        try
        {
            var header = JsonSerializer.Deserialize(BoundedFile.ReadAll(path, "checkpoint"), ModelJsonContext.Default.ModelHeader);
            return header?.Format == CheckpointDocument.FormatName;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or ModelFileException)
        {
            return false;
        }
    }

    /// <summary>The checkpoint of <paramref name="state"/> for a run with <paramref name="settings"/>.</summary>
    public static CheckpointDocument ToDocument(TrainSettings settings, string dataSha256, TrainerState state) => new()
    {
        ToolVersion = ToolInfo.Version,
        CreatedUtc = DateTime.UtcNow,
        Settings = settings,
        DataSha256 = dataSha256,
        Epoch = state.Epoch,
        Parameters = state.Parameters,
        OptimizerSteps = state.OptimizerSteps,
        OptimizerState = state.OptimizerState.ToDictionary(e => e.Key, e => e.Value),
        RngState = state.RngState.ToArray(),
        Order = state.Order.ToArray(),
        BestParameters = state.BestParameters,
        BestMonitored = double.IsFinite(state.BestMonitored) ? state.BestMonitored : null,
        BestEpoch = state.BestEpoch,
        SinceImprovement = state.SinceImprovement,
        History = state.History.Select(ModelMapper.ToDocument).ToList(),
    };

    /// <summary>The trainer state stored in <paramref name="doc"/>.</summary>
    public static TrainerState ToState(CheckpointDocument doc) => new(
        doc.Epoch, doc.Parameters, doc.OptimizerSteps, doc.OptimizerState, doc.RngState, doc.Order, doc.BestParameters,
        doc.BestMonitored ?? double.PositiveInfinity, doc.BestEpoch, doc.SinceImprovement,
        doc.History.Select(h => new EpochMetrics(h.Epoch, h.Loss ?? double.NaN, h.Metric ?? double.NaN, h.ValidationLoss, h.ValidationMetric, null, TimeSpan.Zero)).ToList());

    /// <summary>Writes a checkpoint atomically.</summary>
    /// <exception cref="CliException">If a value is not finite or the file cannot be written.</exception>
    public static void Save(string path, CheckpointDocument doc)
    {
        if (doc.Parameters.Concat(doc.BestParameters).Concat(doc.OptimizerState.Values).Any(v => v.Any(x => !double.IsFinite(x))))
            throw new ModelFileException($"{path}: refusing to save a checkpoint with non-finite values");
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(doc, CliJsonContext.Default.CheckpointDocument);
        AtomicFile.Write(path, stream => stream.Write(json));
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <exception cref="CliException">If the file is missing, not a checkpoint, of another version or incomplete.</exception>
    public static CheckpointDocument Load(string path)
    {
        try
        {
            byte[] bytes = BoundedFile.ReadAll(path, "checkpoint");
            var header = JsonSerializer.Deserialize(bytes, ModelJsonContext.Default.ModelHeader);
            if (header?.Format != CheckpointDocument.FormatName)
                throw new ModelFileException($"{path}: not a neuralnet checkpoint (expected \"format\": \"{CheckpointDocument.FormatName}\")");
            if (header.SchemaVersion != CheckpointDocument.CurrentSchemaVersion)
                throw new ModelFileException($"{path}: checkpoint schema version {header.SchemaVersion?.ToString() ?? "(none)"} is not supported; this tool reads version {CheckpointDocument.CurrentSchemaVersion}");
            var doc = JsonSerializer.Deserialize(bytes, CliJsonContext.Default.CheckpointDocument);
            if (doc is null) throw new ModelFileException($"{path}: the checkpoint is incomplete");
            if (CheckpointValidator.Problem(doc) is { } problem) throw new ModelFileException($"{path}: the checkpoint is inconsistent ({problem})");
            var (numbers, chars) = CheckpointValidator.Size(doc);
            BoundedFile.CheckFits(path, "checkpoint", bytes.Length, numbers, chars);
            return doc;
        }
        catch (JsonException e)
        {
            throw new ModelFileException($"{path}: not a neuralnet checkpoint ({JsonErrors.Describe(e)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"{path}: cannot read the checkpoint ({e.Message.Split('\n')[0].Trim()})");
        }
    }

    /// <summary>Refuses a checkpoint that does not fit the network its settings build or the training rows.</summary>
    /// <exception cref="ModelFileException">On the first mismatch.</exception>
    public static void CheckFits(string path, CheckpointDocument doc, Network network, int trainRows)
    {
        if (CheckpointValidator.Mismatch(doc, network, trainRows) is { } problem)
            throw new ModelFileException($"{path}: the checkpoint does not fit its settings and data ({problem})");
    }

    /// <summary>SHA-256 of the given files' bytes, one after the other, as lowercase hex.</summary>
    public static string HashFiles(IEnumerable<string> paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var path in paths)
        {
            using var stream = File.OpenRead(path);
            int n;
            while ((n = stream.Read(buffer)) > 0) sha.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
