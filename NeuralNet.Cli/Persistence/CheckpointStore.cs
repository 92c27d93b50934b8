using System.Runtime.InteropServices;
using NeuralNet.Core;
using NeuralNet.Core.Models;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// Saves (atomically) and loads training checkpoints, and tells them apart from model files. A checkpoint is written
/// in schema 2 (every array a named block, <see cref="CheckpointLayout"/>); schema 1 is still read (<see cref="CheckpointV1"/>).
/// </summary>
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

    /// <summary>
    /// The checkpoint of <paramref name="state"/>, taken from <paramref name="network"/> in a run with
    /// <paramref name="settings"/>. The best epoch's weights are left out when that epoch is the last one: they are the parameters.
    /// </summary>
    public static CheckpointDocument ToDocument(TrainSettings settings, string dataSha256, Network network, TrainerState state)
    {
        var layout = CheckpointLayout.Of(network, settings.Optimizer);
        string dtype = TensorCodec.DtypeOf(network.Precision);
        var tensors = new Dictionary<string, TensorDocument>();
        var parameters = layout.Parameters;
        for (int i = 0; i < parameters.Count; i++) tensors[parameters[i].Name] = TensorCodec.Encode(state.Parameters[i], parameters[i].Shape, dtype);
        bool bestIsLast = state.BestEpoch == state.Epoch && Enumerable.Range(0, parameters.Count).All(i => SameBits(state.BestParameters[i], state.Parameters[i]));
        if (!bestIsLast)
            for (int i = 0; i < parameters.Count; i++)
                tensors[CheckpointLayout.Best(parameters[i].Name)] = TensorCodec.Encode(state.BestParameters[i], parameters[i].Shape, dtype);
        foreach (var buffer in layout.Buffers) tensors[buffer.Name] = TensorCodec.Encode(state.OptimizerState[buffer.Key], buffer.Shape, dtype);
        tensors[layout.StepName] = TensorCodec.EncodeIntegers<long>([state.OptimizerSteps], []);
        tensors[CheckpointLayout.RngState] = TensorCodec.EncodeIntegers<ulong>(state.RngState.ToArray(), [state.RngState.Count]);
        tensors[CheckpointLayout.Order] = TensorCodec.EncodeIntegers<int>(state.Order.ToArray(), [state.Order.Count]);
        if (state.DeadNeuronMonitor is { } monitor) AddMonitor(tensors, layout, monitor, dtype);
        return new CheckpointDocument
        {
            ToolVersion = ToolInfo.Version,
            CreatedUtc = DateTime.UtcNow,
            Settings = settings,
            DataSha256 = dataSha256,
            Epoch = state.Epoch,
            BestMonitored = double.IsFinite(state.BestMonitored) ? state.BestMonitored : null,
            BestEpoch = state.BestEpoch,
            SinceImprovement = state.SinceImprovement,
            Tensors = tensors,
            History = state.History.Select(CheckpointHistory.ToDocument).ToList(),
        };
    }

    /// <summary>The trainer state stored in <paramref name="doc"/>, which <see cref="CheckFits"/> accepted for <paramref name="network"/>.</summary>
    public static TrainerState ToState(CheckpointDocument doc, Network network)
    {
        var layout = CheckpointLayout.Of(network, doc.Settings.Optimizer);
        string dtype = TensorCodec.DtypeOf(network.Precision);
        double[] Floats(string name, int[] shape) => TensorCodec.Decode(doc.Tensors[name], name, shape, dtype);
        var parameters = layout.Parameters.Select(p => Floats(p.Name, p.Shape)).ToList();
        var best = doc.Tensors.ContainsKey(CheckpointLayout.Best(layout.Parameters[0].Name))
            ? layout.Parameters.Select(p => Floats(CheckpointLayout.Best(p.Name), p.Shape)).ToList()
            : parameters.Select(v => (double[])v.Clone()).ToList();
        var optimizerState = layout.Buffers.ToDictionary(b => b.Key, b => Floats(b.Name, b.Shape));
        long steps = TensorCodec.DecodeIntegers<long>(doc.Tensors[layout.StepName], layout.StepName, [])[0];
        var rng = TensorCodec.DecodeIntegers<ulong>(doc.Tensors[CheckpointLayout.RngState], CheckpointLayout.RngState, [4]);
        var orderBlock = doc.Tensors[CheckpointLayout.Order];
        var order = TensorCodec.DecodeIntegers<int>(orderBlock, CheckpointLayout.Order, orderBlock.Shape);
        return new TrainerState(doc.Epoch, parameters, steps, optimizerState, rng, order, best,
            doc.BestMonitored ?? double.PositiveInfinity, doc.BestEpoch, doc.SinceImprovement, doc.History.Select(CheckpointHistory.ToMetrics).ToList())
        {
            DeadNeuronMonitor = Monitor(doc, layout, Floats),
        };
    }

    /// <summary>The dead-neuron monitor's blocks: last activity per hidden unit, and the measured weights when they are not the parameters.</summary>
    private static void AddMonitor(Dictionary<string, TensorDocument> tensors, CheckpointLayout layout, DeadNeuronMonitorState monitor, string dtype)
    {
        for (int l = 0; l < layout.HiddenUnits.Count; l++)
        {
            tensors[CheckpointLayout.LastActiveEpoch(l)] = TensorCodec.EncodeIntegers<int>(monitor.LastActiveEpoch[l], [layout.HiddenUnits[l]]);
            tensors[CheckpointLayout.LastActiveBatch(l)] = TensorCodec.EncodeIntegers<int>(monitor.LastActiveBatch[l], [layout.HiddenUnits[l]]);
        }
        if (monitor.MeasuredWeights is not { } weights || monitor.MeasuredBias is not { } bias) return;
        foreach (var block in layout.MeasuredWeights)
            tensors[block.Name] = TensorCodec.Encode(IsBias(block) ? bias[block.Layer] : weights[block.Layer], block.Shape, dtype);
    }

    /// <summary>The monitor's state from its blocks; null for a checkpoint written before they were kept (validated: all or none).</summary>
    private static DeadNeuronMonitorState? Monitor(CheckpointDocument doc, CheckpointLayout layout, Func<string, int[], double[]> floats)
    {
        if (!doc.Tensors.Keys.Any(CheckpointLayout.IsMonitor)) return null;
        int[] Ints(string name, int units) => TensorCodec.DecodeIntegers<int>(doc.Tensors[name], name, [units]);
        var units = layout.HiddenUnits;
        var measured = layout.MeasuredWeights.ToList();
        bool withMeasured = measured.Count > 0 && doc.Tensors.ContainsKey(measured[0].Name);
        return new DeadNeuronMonitorState(
            units.Select((n, l) => Ints(CheckpointLayout.LastActiveEpoch(l), n)).ToList(),
            units.Select((n, l) => Ints(CheckpointLayout.LastActiveBatch(l), n)).ToList(),
            withMeasured ? measured.Where(b => !IsBias(b)).Select(b => floats(b.Name, b.Shape)).ToList() : null,
            withMeasured ? measured.Where(IsBias).Select(b => floats(b.Name, b.Shape)).ToList() : null);
    }

    private static bool IsBias(CheckpointLayout.Block block) => block.Name == CheckpointLayout.Measured(ParameterNames.Bias(block.Layer));

    /// <summary>Writes the checkpoint of <paramref name="state"/> atomically (see <see cref="ToDocument"/>).</summary>
    /// <exception cref="ModelFileException">If a value is not finite or the file cannot be written.</exception>
    public static void Save(string path, TrainSettings settings, string dataSha256, Network network, TrainerState state)
    {
        if (state.Parameters.Concat(state.BestParameters).Concat(state.OptimizerState.Values).Any(v => v.Any(x => !double.IsFinite(x))))
            throw new ModelFileException($"{path}: refusing to save a checkpoint with non-finite values");
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(ToDocument(settings, dataSha256, network, state), FileJson);
        AtomicFile.Write(path, stream => stream.Write(json));
    }

    /// <summary>Reads a checkpoint of schema 2 (or 1, upgraded) and checks it on its own (<see cref="CheckpointValidator.Problem"/>).</summary>
    /// <exception cref="ModelFileException">If the file is missing, not a checkpoint, of another version or inconsistent.</exception>
    public static CheckpointDocument Load(string path)
    {
        try
        {
            byte[] bytes = BoundedFile.ReadAll(path, "checkpoint");
            var header = JsonSerializer.Deserialize(bytes, ModelJsonContext.Default.ModelHeader);
            if (header?.Format != CheckpointDocument.FormatName)
                throw new ModelFileException($"{path}: not a neuralnet checkpoint (expected \"format\": \"{CheckpointDocument.FormatName}\")");
            if (header.SchemaVersion is not { } version || version < CheckpointDocument.OldestSchemaVersion || version > CheckpointDocument.CurrentSchemaVersion)
                throw new ModelFileException($"{path}: checkpoint schema version {header.SchemaVersion?.ToString() ?? "(none)"} is not supported; " +
                                             $"this tool reads versions {CheckpointDocument.OldestSchemaVersion} to {CheckpointDocument.CurrentSchemaVersion}");
            CheckpointDocument? doc;
            try
            {
                doc = version == 1
                    ? CheckpointV1.Upgrade(JsonSerializer.Deserialize(bytes, CliJsonContext.Default.CheckpointDocumentV1) ?? throw new ArgumentException("it is empty"))
                    : JsonSerializer.Deserialize(bytes, CliJsonContext.Default.CheckpointDocument);
            }
            catch (ArgumentException e) { throw Inconsistent(path, e.Message); }
            if (doc is null) throw new ModelFileException($"{path}: the checkpoint is incomplete");
            doc = doc with { Settings = SettingsWithDefaults(bytes) ?? doc.Settings };
            if (CheckpointValidator.Problem(doc) is { } problem) throw Inconsistent(path, problem);
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

    /// <summary>
    /// The checkpoint's settings, each one it leaves out taking its default: a checkpoint written before a setting
    /// existed ran with the default. (System.Text.Json would read a left-out setting as null or 0.) The data file and
    /// target have no default; left out they stay null and are refused. Null when the file has no settings object.
    /// </summary>
    private static TrainSettings? SettingsWithDefaults(byte[] json)
    {
        using var file = JsonDocument.Parse(json);
        if (!file.RootElement.TryGetProperty("settings", out var stored) || stored.ValueKind != JsonValueKind.Object) return null;
        var settings = JsonSerializer.SerializeToNode(new TrainSettings { DataPath = null!, Target = null! }, CliJsonContext.Default.TrainSettings)!.AsObject();
        foreach (var field in stored.EnumerateObject()) settings[field.Name] = JsonNode.Parse(field.Value.GetRawText());
        return settings.Deserialize(CliJsonContext.Default.TrainSettings);
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

    /// <summary>The checkpoint's JSON, escaped as the tool's other JSON files are (<see cref="JsonFileEscaping"/>).</summary>
    private static readonly JsonTypeInfo<CheckpointDocument> FileJson = JsonFileEscaping.Relaxed(CliJsonContext.Default.CheckpointDocument);

    private static ModelFileException Inconsistent(string path, string problem) => new($"{path}: the checkpoint is inconsistent ({problem})");

    private static bool SameBits(double[] a, double[] b) => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
