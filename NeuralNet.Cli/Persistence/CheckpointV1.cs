using System.Text.RegularExpressions;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Models;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// Reads schema-1 checkpoints, which kept every array as JSON numbers: parameters by position in network order, the
/// optimizer's buffers by the trainer's own keys ("layer0.weights.m"). <see cref="Upgrade"/> turns one into the
/// schema-2 form, so both versions are checked and resumed by the same code. A float network's values were floats
/// written as doubles, so storing them as float32 is exact. Version 1 kept only the dead-unit counts of each epoch,
/// which do not say which units were dead: a resumed version-1 run has no dead-neuron history before the resume.
/// </summary>
public static partial class CheckpointV1
{
    /// <summary>The schema-2 document holding what <paramref name="v1"/> holds, with its blocks named by <see cref="CheckpointLayout"/>.</summary>
    /// <exception cref="ArgumentException">If a field is missing or null.</exception>
    public static CheckpointDocument Upgrade(CheckpointDocumentV1 v1)
    {
        if (v1.Settings?.Optimizer is null || v1.Settings.Precision is null || v1.Parameters is null || v1.BestParameters is null
            || v1.OptimizerState is null || v1.RngState is null || v1.Order is null || v1.History is null
            || v1.Parameters.Concat(v1.BestParameters).Concat(v1.OptimizerState.Values).Any(v => v is null) || v1.History.Any(h => h is null))
            throw new ArgumentException("a required field is missing or null");
        if (v1.BestParameters.Count != v1.Parameters.Count)
            throw new ArgumentException($"it has {v1.Parameters.Count} parameter arrays but {v1.BestParameters.Count} of the best epoch");
        string optimizer = v1.Settings.Optimizer, dtype = TensorCodec.DtypeOf(v1.Settings.Precision);
        // Position → name: each layer has a weight and a bias, and an α when its optimizer buffers name one.
        var shapes = new Dictionary<string, int[]>();
        var names = new List<string>();
        for (int l = 0; names.Count < v1.Parameters.Count; l++)
        {
            bool hasAlpha = v1.OptimizerState.Keys.Any(k => k.StartsWith($"layer{l}.alpha.", StringComparison.Ordinal));
            foreach (var name in ParameterNames.OfLayer(l, hasAlpha).Take(v1.Parameters.Count - names.Count))
            {
                int length = v1.Parameters[names.Count].Length;
                int units = names.Count + 1 < v1.Parameters.Count ? v1.Parameters[names.Count + 1].Length : 0;
                shapes[name] = name == ParameterNames.Weight(l) && units > 0 && length % units == 0 ? [units, length / units] : [length];
                names.Add(name);
            }
        }
        var tensors = new Dictionary<string, TensorDocument>();
        for (int i = 0; i < names.Count; i++) tensors[names[i]] = TensorCodec.Encode(v1.Parameters[i], shapes[names[i]], dtype);
        for (int i = 0; i < names.Count; i++)
        {
            var best = v1.BestParameters[i];
            tensors[CheckpointLayout.Best(names[i])] = TensorCodec.Encode(best, best.Length == v1.Parameters[i].Length ? shapes[names[i]] : [best.Length], dtype);
        }
        foreach (var (key, values) in v1.OptimizerState)
        {
            string name = KeyName(optimizer, key);
            string parameter = name[(name.IndexOf(".layers.", StringComparison.Ordinal) + 1)..];
            tensors[name] = TensorCodec.Encode(values, shapes.GetValueOrDefault(parameter) ?? [values.Length], dtype);
        }
        tensors[CheckpointLayout.Step(optimizer)] = TensorCodec.EncodeIntegers<long>([v1.OptimizerSteps], []);
        tensors[CheckpointLayout.RngState] = TensorCodec.EncodeIntegers<ulong>(v1.RngState, [v1.RngState.Length]);
        tensors[CheckpointLayout.Order] = TensorCodec.EncodeIntegers<int>(v1.Order, [v1.Order.Length]);
        return new CheckpointDocument
        {
            SchemaVersion = 1,
            ToolVersion = v1.ToolVersion,
            CreatedUtc = v1.CreatedUtc,
            Settings = v1.Settings,
            DataSha256 = v1.DataSha256,
            Epoch = v1.Epoch,
            BestMonitored = v1.BestMonitored,
            BestEpoch = v1.BestEpoch,
            SinceImprovement = v1.SinceImprovement,
            Tensors = tensors,
            History = v1.History.Select(h => new CheckpointEpochDocument(h.Epoch, h.Loss, h.Metric, h.ValidationLoss, h.ValidationMetric)).ToList(),
        };
    }

    /// <summary>"layer0.weights.m" → "adam.m.layers.0.weight"; a key of another form is kept as it is (and refused as unknown).</summary>
    private static string KeyName(string optimizer, string key)
    {
        var m = V1Key().Match(key);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, out int layer)) return key;
        string parameter = m.Groups[2].Value switch
        {
            "weights" => ParameterNames.Weight(layer),
            "bias" => ParameterNames.Bias(layer),
            _ => ParameterNames.Alpha(layer),
        };
        return CheckpointLayout.Buffer(optimizer, m.Groups[3].Value, parameter);
    }

    [GeneratedRegex(@"^layer([0-9]{1,7})\.(weights|bias|alpha)\.([a-z]+)$")]
    private static partial Regex V1Key();
}

/// <summary>A schema-1 checkpoint as written (every array as JSON numbers); read only, to be upgraded by <see cref="CheckpointV1.Upgrade"/>.</summary>
public sealed record CheckpointDocumentV1
{
    /// <summary>The tool version that wrote it.</summary>
    public string ToolVersion { get; init; } = "";
    /// <summary>When it was written.</summary>
    public DateTime CreatedUtc { get; init; }
    /// <summary>The settings of the run.</summary>
    public TrainSettings? Settings { get; init; }
    /// <summary>SHA-256 of the data.</summary>
    public string DataSha256 { get; init; } = "";
    /// <summary>The last finished epoch.</summary>
    public int Epoch { get; init; }
    /// <summary>Every parameter's values, in network order.</summary>
    public IReadOnlyList<double[]>? Parameters { get; init; }
    /// <summary>The optimizer's step count.</summary>
    public long OptimizerSteps { get; init; }
    /// <summary>The optimizer's buffers by the trainer's keys ("layer0.weights.m").</summary>
    public Dictionary<string, double[]>? OptimizerState { get; init; }
    /// <summary>The generator's four state words.</summary>
    public ulong[]? RngState { get; init; }
    /// <summary>The training rows' order.</summary>
    public int[]? Order { get; init; }
    /// <summary>The best epoch's weights.</summary>
    public IReadOnlyList<double[]>? BestParameters { get; init; }
    /// <summary>The best monitored loss.</summary>
    public double? BestMonitored { get; init; }
    /// <summary>The best epoch.</summary>
    public int BestEpoch { get; init; }
    /// <summary>Epochs since the last improvement.</summary>
    public int SinceImprovement { get; init; }
    /// <summary>Epochs 0 to <see cref="Epoch"/>.</summary>
    public IReadOnlyList<EpochDocument>? History { get; init; }
}
