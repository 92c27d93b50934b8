using System.Text.Json.Nodes;
using NeuralNet.Cli;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Checkpoint schema 2: every array of the trainer's state is a named block of the model file's codec, a save and load
/// gives the state back bit for bit (with its dead-neuron history), and version-1 checkpoints are still read and resumed.
/// </summary>
public sealed class CheckpointFormatTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <summary>
    /// A schema-1 checkpoint written by the tool before schema 2 (iris, one prelu layer of 4 units, adam, batch 16, seed 5,
    /// epoch 2 of 2). Its numbers (parameters, Adam's buffers, best loss, history) were replaced by those of the same run's
    /// schema-2 checkpoint when the softmax loss and the small products changed their last bits; layout, order and
    /// generator state are the original file's.
    /// </summary>
    private static string V1Fixture => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.IrisPath))!, "NeuralNet.Tests", "Reliability", "Fixtures", "iris-v1.checkpoint.json");

    [TestCase("float", "float32", 4)]
    [TestCase("double", "float64", 8)]
    public void Checkpoint_StoresEveryArrayAsANamedBlock(string precision, string dtype, int bytes)
    {
        const int epochs = 3, batch = 16;
        string checkpoint = _dir.PathOf("ck.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--hidden", "5", "--activation", "prelu", "--epochs", $"{epochs}",
            "--batch-size", $"{batch}", "--seed", "2", "--precision", precision, "--checkpoint-every", $"{epochs}", "--checkpoint", checkpoint, "--out", _dir.PathOf("m.json"), "-q");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var json = JsonNode.Parse(File.ReadAllText(checkpoint))!;
        var tensors = json["tensors"]!.AsObject();
        string[] parameters = ["layers.0.weight", "layers.0.bias", "layers.0.alpha", "layers.1.weight", "layers.1.bias"];
        bool bestIsLast = json["bestEpoch"]!.GetValue<int>() == json["epoch"]!.GetValue<int>();
        string[] expected = [.. parameters, .. bestIsLast ? [] : parameters.Select(p => "best." + p),
            .. parameters.SelectMany(p => new[] { "adam.m." + p, "adam.v." + p }), "adam.step", "rng.state", "order",
            // the dead-neuron monitor's last activity of the one hidden layer (measured every epoch: no measured weights)
            "deadNeurons.lastActiveEpoch.layers.0", "deadNeurons.lastActiveBatch.layers.0"];

        Assert.That(json["schemaVersion"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(tensors.Select(t => t.Key), Is.EquivalentTo(expected));
        Assert.That(tensors["layers.0.weight"]!["shape"]!.AsArray().Select(d => d!.GetValue<int>()), Is.EqualTo(new[] { 5, 4 }));
        foreach (var (name, block) in tensors.Where(t => t.Key.Contains("layers.") && !t.Key.StartsWith("deadNeurons.lastActive")))
        {
            Assert.That(block!["dtype"]!.GetValue<string>(), Is.EqualTo(dtype), name);
            int count = block["shape"]!.AsArray().Aggregate(1, (a, d) => a * d!.GetValue<int>());
            Assert.That(Convert.FromBase64String(block["data"]!.GetValue<string>()), Has.Length.EqualTo(count * bytes), name);
        }
        var doc = CheckpointStore.Load(checkpoint);
        int rows = doc.Tensors["order"].Shape[0];
        Assert.That(TensorCodec.DecodeIntegers<long>(doc.Tensors["adam.step"], "adam.step", []), Is.EqualTo(new[] { (long)epochs * ((rows + batch - 1) / batch) }),
            "one step per batch");
        Assert.That(TensorCodec.DecodeIntegers<int>(doc.Tensors["order"], "order", [rows]), Is.EquivalentTo(Enumerable.Range(0, rows)));
        Assert.That(doc.Tensors["rng.state"].Dtype, Is.EqualTo(TensorCodec.UInt64));
        var lastActive = TensorCodec.DecodeIntegers<int>(doc.Tensors["deadNeurons.lastActiveEpoch.layers.0"], "last active", [5]);
        Assert.That(lastActive, Is.All.InRange(-1, epochs), "an epoch of the run, or -1 for never");
        Assert.That(json["parameters"], Is.Null, "no schema-1 arrays of numbers");
    }

    /// <summary>Save, load, check against the network and decode: the same state, bit for bit, for the best weights kept or left out.</summary>
    [TestCase(2, TestName = "SaveAndLoad_GiveTheStateBack_WithTheBestEpochsWeights")]
    [TestCase(3, TestName = "SaveAndLoad_GiveTheStateBack_WhenTheBestEpochIsTheLast")]
    public void SaveAndLoad_GiveTheStateBack(int bestEpoch)
    {
        var spec = new MlpSpec(4, [3, 2], 3, new ActivationSpec("prelu", PerUnitAlpha: true));
        var network = Network.Create(spec, "float", new Rng(1));
        var settings = new TrainSettings { DataPath = "data.csv", Target = "y", Hidden = [3, 2], Activation = "prelu", PreluMode = "unit", Optimizer = "nesterov" };
        var draws = new Rng(7);
        double Float() => (float)(draws.NextDouble() * 2 - 1); // a float network keeps float values
        var parameters = network.ParameterValues();
        var best = parameters.Select(v => bestEpoch == 3 ? (double[])v.Clone() : v.Select(_ => Float()).ToArray()).ToList();
        var layout = CheckpointLayout.Of(network, settings.Optimizer);
        var buffers = layout.Buffers.ToDictionary(b => b.Key, b => Enumerable.Range(0, b.Shape.Aggregate(1, (a, d) => a * d)).Select(_ => Float()).ToArray());
        var dead = new LayerDeadStats(0, "prelu", 3, 1, 1, 0, [2], [0], 0.625) { ActiveShares = [0, 0.5, 0], DormantUnits = [0, 2], DormantTau = 0.025 };
        var alive = new LayerDeadStats(1, "prelu", 2, 0, 0, 1, [], [], 0.25) { ActiveShares = [0.75, 0.75] };
        var history = Enumerable.Range(0, 4).Select(e => new EpochMetrics(e, e == 0 ? double.NaN : 1.0 / e, 0.5, 0.9 / (e + 1), 0.25,
            e % 2 == 0 ? [dead, alive] : null, TimeSpan.FromTicks(12_345_678 * e))
        {
            Recycled = e == 2 ? [new RecycledUnit(2, 0, 2)] : [],
            Causes = e == 2 ? [new DeathCause(0, 2, 2, 1, 3, -0.5, 0.25, 1.5, 0.75, 0.01, DeathVerdict.NegativeBias)] : [],
        }).ToList();
        // Measured every second epoch: the weights of that measurement are not the parameters, so they are stored too.
        var monitor = new DeadNeuronMonitorState([[-1, 1, 3], [2, 3]], [[0, 4, 1], [7, 2]],
            [Enumerable.Range(0, 12).Select(_ => Float()).ToArray(), Enumerable.Range(0, 6).Select(_ => Float()).ToArray()],
            [[Float(), Float(), Float()], [Float(), Float()]]);
        var state = new TrainerState(3, parameters, 42, buffers, [1UL, ulong.MaxValue, 3, 4], [2, 0, 1], best, 0.125, bestEpoch, 3 - bestEpoch, history)
        {
            DeadNeuronMonitor = monitor,
        };
        string path = _dir.PathOf("ck.json");

        CheckpointStore.Save(path, settings, "hash", network, state);
        var doc = CheckpointStore.Load(path);
        CheckpointStore.CheckFits(path, doc, network, 3);
        var back = CheckpointStore.ToState(doc, network);

        Assert.That(doc.Tensors.Keys.Any(CheckpointLayout.IsBest), Is.EqualTo(bestEpoch != 3), "the best weights are stored only when they are not the last epoch's");
        Assert.That(Bits(back.Parameters), Is.EqualTo(Bits(parameters)));
        Assert.That(Bits(back.BestParameters), Is.EqualTo(Bits(best)));
        Assert.That(back.OptimizerState.Keys, Is.EquivalentTo(buffers.Keys));
        foreach (var (key, values) in buffers) Assert.That(Bits([back.OptimizerState[key]]), Is.EqualTo(Bits([values])), key);
        Assert.That((back.OptimizerSteps, back.RngState, back.Order), Is.EqualTo((42L, state.RngState, state.Order)));
        Assert.That((back.Epoch, back.BestEpoch, back.BestMonitored, back.SinceImprovement), Is.EqualTo((3, bestEpoch, 0.125, 3 - bestEpoch)));
        Assert.That(back.History.Select(Describe), Is.EqualTo(history.Select(Describe)));
        Assert.That(back.History.Select(h => h.Causes), Is.EqualTo(history.Select(h => h.Causes)));
        var m = back.DeadNeuronMonitor!;
        Assert.That((m.LastActiveEpoch, m.LastActiveBatch), Is.EqualTo((monitor.LastActiveEpoch, monitor.LastActiveBatch)));
        Assert.That((Bits(m.MeasuredWeights!), Bits(m.MeasuredBias!)), Is.EqualTo((Bits(monitor.MeasuredWeights!), Bits(monitor.MeasuredBias!))));
    }

    [Test]
    public void Version1Checkpoint_IsReadWithItsValues()
    {
        var v1 = JsonNode.Parse(File.ReadAllText(V1Fixture))!;

        var doc = CheckpointStore.Load(V1Fixture);

        double[] Values(string name) => TensorCodec.Decode(doc.Tensors[name], name, doc.Tensors[name].Shape, TensorCodec.Float32);
        double[] Numbers(JsonNode array) => array.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        Assert.That(doc.SchemaVersion, Is.EqualTo(1), "read from version 1");
        Assert.That(Values("layers.0.weight"), Is.EqualTo(Numbers(v1["parameters"]![0]!)));
        Assert.That(doc.Tensors["layers.0.weight"].Shape, Is.EqualTo(new[] { 4, 4 }), "[units, inputs]");
        Assert.That(Values("layers.0.alpha"), Is.EqualTo(Numbers(v1["parameters"]![2]!)));
        Assert.That(Values("best.layers.1.bias"), Is.EqualTo(Numbers(v1["bestParameters"]![4]!)));
        foreach (var (key, buffer) in new[] { ("layer0.alpha.m", "adam.m.layers.0.alpha"), ("layer1.weights.v", "adam.v.layers.1.weight"), ("layer0.bias.v", "adam.v.layers.0.bias") })
            Assert.That(Values(buffer), Is.EqualTo(Numbers(v1["optimizerState"]![key]!)), buffer);
        Assert.That(TensorCodec.DecodeIntegers<ulong>(doc.Tensors["rng.state"], "rng.state", [4]), Is.EqualTo(v1["rngState"]!.AsArray().Select(x => x!.GetValue<ulong>())));
        Assert.That(TensorCodec.DecodeIntegers<long>(doc.Tensors["adam.step"], "adam.step", []), Is.EqualTo(new[] { v1["optimizerSteps"]!.GetValue<long>() }));
        Assert.That(doc.History.Select(h => h.Loss), Is.EqualTo(v1["history"]!.AsArray().Select(h => h!["loss"]?.GetValue<double>())));
    }

    /// <summary>A run continued from the version-1 fixture ends as a run never interrupted, and its model is written in schema 2.</summary>
    [Test]
    public void Version1Checkpoint_ResumesBitIdentically()
    {
        var straight = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--hidden", "4", "--activation", "prelu", "--epochs", "4",
            "--batch-size", "16", "--seed", "5", "-q", "--out", _dir.PathOf("straight.json"));
        Assert.That(straight.ExitCode, Is.EqualTo(0), straight.ToString());

        var resumed = CliHarness.Run("train", CliHarness.IrisPath, "--resume", V1Fixture, "--epochs", "4", "-q",
            "--out", _dir.PathOf("resumed.json"), "--checkpoint-every", "4", "--checkpoint", _dir.PathOf("resumed.checkpoint.json"));

        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        var a = ModelStore.Load(_dir.PathOf("straight.json"));
        var b = ModelStore.Load(_dir.PathOf("resumed.json"));
        Assert.That(b.Layers.Select(l => l.Weights), Is.EqualTo(a.Layers.Select(l => l.Weights)));
        Assert.That(b.Layers.Select(l => l.AlphaValues), Is.EqualTo(a.Layers.Select(l => l.AlphaValues)));
        Assert.That(b.History.Select(h => h.Loss), Is.EqualTo(a.History.Select(h => h.Loss)));
        Assert.That(CheckpointStore.Load(_dir.PathOf("resumed.checkpoint.json")).SchemaVersion, Is.EqualTo(2), "a resumed run writes schema 2");
    }

    [TestCase(3)]
    [TestCase(0)]
    public void OtherSchemaVersion_IsRefusedSayingWhichThisToolReads(int version)
    {
        var json = JsonNode.Parse(File.ReadAllText(V1Fixture))!;
        json["schemaVersion"] = version;
        string path = _dir.Write("other.json", json.ToJsonString());

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--resume", path, "-q", "--out", _dir.PathOf("out.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"error: {path}: checkpoint schema version {version} is not supported; this tool reads versions 1 to 2" }));
        Assert.That(File.Exists(_dir.PathOf("out.json")), Is.False);
    }

    private static IEnumerable<long> Bits(IEnumerable<double[]> values) => values.SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits);

    private static string Describe(EpochMetrics m)
        => $"{m.Epoch} {m.Loss:R} {m.Metric:R} {m.ValidationLoss:R} {m.ValidationMetric:R} {m.Elapsed.Ticks} " +
           string.Join(";", m.Recycled.Select(r => $"r{r.Epoch}.{r.Layer}.{r.Unit}")) + " " +
           string.Join(";", m.DeadNeurons?.Select(d => $"{d.Layer} {d.Activation} {d.Units} {d.Dead} {d.Inactive} {d.NearDead} {d.ZeroFraction:R} {d.DormantTau:R} " +
                                                      $"[{string.Join(",", d.DeadUnits)}] [{string.Join(",", d.InactiveUnits)}] [{string.Join(",", d.DormantUnits)}] [{string.Join(",", d.ActiveShares)}]") ?? ["none"]);
}
