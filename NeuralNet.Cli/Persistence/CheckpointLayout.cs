using NeuralNet.Core;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Cli.Persistence;

/// <summary>
/// The named blocks of a schema-2 checkpoint, and the one place their names are made. A parameter goes by its
/// model-file name (<see cref="ParameterNames"/>: "layers.0.weight"); the best epoch's copy is "best.layers.0.weight";
/// an optimizer buffer is "OPTIMIZER.BUFFER.PARAMETER" ("adam.m.layers.0.weight", "momentum.velocity.layers.0.bias");
/// the step count is "OPTIMIZER.step"; the generator state is "rng.state" and the row order "order". An instance maps
/// the names of one network and optimizer to the trainer's own keys ("layer0.weights", "layer0.weights.m") and shapes.
/// </summary>
public sealed class CheckpointLayout
{
    /// <summary>The generator's four state words: uint64, shape [4].</summary>
    public const string RngState = "rng.state";

    /// <summary>The training rows' order: int32, shape [rows].</summary>
    public const string Order = "order";

    private readonly IReadOnlyList<string> _bufferKinds; // "m", "v"; "velocity"

    private CheckpointLayout(string optimizer, IReadOnlyList<Block> parameters, IReadOnlyList<Block> buffers, IReadOnlyList<string> bufferKinds,
        IReadOnlyList<int> hiddenUnits)
        => (Optimizer, Parameters, Buffers, _bufferKinds, HiddenUnits) = (optimizer, parameters, buffers, bufferKinds, hiddenUnits);

    /// <summary>The optimizer's name ("adam", "sgd", ...), the first part of its blocks' names.</summary>
    public string Optimizer { get; }

    /// <summary>The network's parameters in network order; <see cref="Block.Key"/> is the network's own name.</summary>
    public IReadOnlyList<Block> Parameters { get; }

    /// <summary>The optimizer's buffers; <see cref="Block.Key"/> is the optimizer's state key.</summary>
    public IReadOnlyList<Block> Buffers { get; }

    /// <summary>The name of the optimizer's step count (int64, shape []).</summary>
    public string StepName => Step(Optimizer);

    /// <summary>The units of each hidden layer.</summary>
    public IReadOnlyList<int> HiddenUnits { get; }

    /// <summary>The dead-neuron monitor's last-activity blocks: per hidden layer, its epoch block then its batch block (int32, [units]).</summary>
    public IEnumerable<Block> LastActive => HiddenUnits.SelectMany((units, l) =>
        new[] { new Block(LastActiveEpoch(l), "", [units]), new Block(LastActiveBatch(l), "", [units]) });

    /// <summary>The dead-neuron monitor's weights at the last measurement: each hidden layer's weight and bias, under <see cref="Measured"/> names.</summary>
    public IEnumerable<Block> MeasuredWeights => Parameters
        .Where(p => p.Name == ParameterNames.Weight(p.Layer) || p.Name == ParameterNames.Bias(p.Layer))
        .Where(p => p.Layer < HiddenUnits.Count)
        .Select(p => p with { Name = Measured(p.Name) });

    /// <summary>The block of hidden layer <paramref name="layer"/>'s last active epochs.</summary>
    public static string LastActiveEpoch(int layer) => $"{MonitorPrefix}lastActiveEpoch.layers.{layer}";

    /// <summary>The block of hidden layer <paramref name="layer"/>'s last active batches.</summary>
    public static string LastActiveBatch(int layer) => $"{MonitorPrefix}lastActiveBatch.layers.{layer}";

    /// <summary>The block of a hidden parameter's values at the last dead-neuron measurement.</summary>
    public static string Measured(string parameter) => $"{MonitorPrefix}measured.{parameter}";

    /// <summary>Whether <paramref name="name"/> is one of the dead-neuron monitor's blocks.</summary>
    public static bool IsMonitor(string name) => name.StartsWith(MonitorPrefix, StringComparison.Ordinal);

    private const string MonitorPrefix = "deadNeurons.";

    /// <summary>The name of the best epoch's copy of <paramref name="parameter"/>.</summary>
    public static string Best(string parameter) => BestPrefix + parameter;

    /// <summary>Whether <paramref name="name"/> is a best epoch's copy.</summary>
    public static bool IsBest(string name) => name.StartsWith(BestPrefix, StringComparison.Ordinal);

    private const string BestPrefix = "best.";

    /// <summary>The name of <paramref name="optimizer"/>'s step count.</summary>
    public static string Step(string optimizer) => optimizer + ".step";

    /// <summary>The name of buffer <paramref name="buffer"/> ("m", "v", "velocity") of <paramref name="optimizer"/> for <paramref name="parameter"/>.</summary>
    public static string Buffer(string optimizer, string buffer, string parameter) => $"{optimizer}.{buffer}.{parameter}";

    /// <summary>
    /// The dtype the block <paramref name="name"/> must have in a checkpoint of <paramref name="optimizer"/> trained in
    /// <paramref name="precision"/>: the integer types of the generator, row order and step count, else the precision's float.
    /// </summary>
    public static string DtypeOf(string name, string optimizer, string precision) => name switch
    {
        RngState => TensorCodec.UInt64,
        Order => TensorCodec.Int32,
        _ when name == Step(optimizer) => TensorCodec.Int64,
        _ when IsMonitor(name) && !name.StartsWith(Measured(""), StringComparison.Ordinal) => TensorCodec.Int32,
        _ => TensorCodec.DtypeOf(precision),
    };

    /// <summary>The blocks of <paramref name="network"/> trained with <paramref name="optimizer"/> (a name of <see cref="OptimizerRegistry"/>).</summary>
    /// <exception cref="ArgumentException">If the optimizer is unknown.</exception>
    public static CheckpointLayout Of(Network network, string optimizer)
    {
        var spec = network.Spec;
        var widths = spec.Widths;
        var parameters = new List<Block>();
        for (int l = 0; l + 1 < widths.Count; l++)
        {
            var activation = spec.LayerActivations[l];
            foreach (var (name, shape) in ParameterNames.OfLayer(l, widths[l], widths[l + 1], activation.Name == "prelu", activation.PerUnitAlpha))
                parameters.Add(new Block(name, network.ParameterNames[parameters.Count], shape) { Layer = l });
        }
        if (parameters.Count != network.ParameterNames.Count)
            throw new InvalidOperationException($"The layers give {parameters.Count} parameters; the network has {network.ParameterNames.Count}.");
        // The buffers the optimizer keeps, keyed "{parameter key}.{buffer}" (Optimizer.CreateBuffers), found on a stand-in of the same shapes.
        var standIns = parameters.Select(p => new Parameter<float>(p.Key, p.Shape.Aggregate(1, (a, d) => a * d), 1, false)).ToList();
        var state = OptimizerRegistry.Create(optimizer, standIns, learningRate: 1).State;
        var buffers = new List<Block>();
        var kinds = new List<string>();
        foreach (var p in parameters)
            foreach (var key in state.Keys.Where(k => k.StartsWith(p.Key + ".", StringComparison.Ordinal) && !k[(p.Key.Length + 1)..].Contains('.')))
            {
                string kind = key[(p.Key.Length + 1)..];
                if (!kinds.Contains(kind)) kinds.Add(kind);
                buffers.Add(new Block(Buffer(optimizer, kind, p.Name), key, p.Shape));
            }
        if (buffers.Count != state.Count)
            throw new InvalidOperationException($"{optimizer} keeps {state.Count} buffers; {buffers.Count} of them are named after a parameter.");
        return new CheckpointLayout(optimizer, parameters, buffers, kinds, widths.Skip(1).Take(widths.Count - 2).ToList());
    }

    /// <summary>Every block name a checkpoint of this layout holds, the best epoch's copies only when <paramref name="withBest"/>.</summary>
    public IEnumerable<string> Names(bool withBest)
        => Parameters.Select(p => p.Name)
            .Concat(withBest ? Parameters.Select(p => Best(p.Name)) : [])
            .Concat(Buffers.Select(b => b.Name))
            .Concat([StepName, RngState, Order]);

    /// <summary>What the blocks are, for a message about one that does not belong.</summary>
    public string Describe()
    {
        var copies = new[] { "best" }.Concat(_bufferKinds.Select(k => $"{Optimizer}.{k}"));
        return $"a checkpoint of this network and {Optimizer} holds {string.Join(", ", Parameters.Select(p => p.Name))}, " +
               $"each also as {string.Join(", ", copies.Select(c => c + ".NAME"))}, then {StepName}, {RngState} and {Order}";
    }

    /// <summary>One float block: its name in the file, the trainer's key for it, and its shape.</summary>
    /// <param name="Name">The block's name in the checkpoint.</param>
    /// <param name="Key">The network's parameter name, or the optimizer's state key.</param>
    /// <param name="Shape">Its shape (a weight is [units, inputs]).</param>
    public sealed record Block(string Name, string Key, int[] Shape)
    {
        /// <summary>The layer a parameter block belongs to (0 for the other blocks).</summary>
        public int Layer { get; init; }
    }
}
