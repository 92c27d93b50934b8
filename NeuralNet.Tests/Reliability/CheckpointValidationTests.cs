using System.Buffers.Binary;
using System.Text.Json.Nodes;
using NeuralNet.Cli;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// A checkpoint is validated completely before <c>train --resume</c> uses it: every edited field or block is refused with
/// exit 2 and one line naming it, nothing is written; resuming stays bit-identical (weights and history) with early
/// stopping, PReLU, double precision and unit recycling.
/// </summary>
[NonParallelizable]
public class CheckpointValidationTests
{
    private CliHarness _dir = null!;
    private string _checkpoint = null!;

    [OneTimeSetUp]
    public void SaveACheckpoint()
    {
        _dir = new CliHarness();
        _checkpoint = _dir.PathOf("ck.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--hidden", "5,3", "--epochs", "4", "--seed", "1", "-q",
            "--checkpoint-every", "2", "--checkpoint", _checkpoint, "--out", _dir.PathOf("model.json"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    private static JsonObject Tensors(JsonObject d) => d["tensors"]!.AsObject();

    private static TensorDocument Tensor(JsonNode node)
        => new(node["dtype"]!.GetValue<string>(), node["shape"]!.AsArray().Select(x => x!.GetValue<int>()).ToArray(), node["data"]!.GetValue<string>());

    private static JsonObject Json(TensorDocument t)
        => new() { ["dtype"] = t.Dtype, ["shape"] = new JsonArray(t.Shape.Select(x => (JsonNode)x).ToArray()), ["data"] = t.Data };

    /// <summary>Replaces the row order with <paramref name="edit"/> of it.</summary>
    private static void EditOrder(JsonObject d, Func<int[], int[]> edit)
    {
        int[] order = TensorCodec.DecodeIntegers<int>(Tensor(Tensors(d)["order"]!), "order", Tensor(Tensors(d)["order"]!).Shape);
        int[] edited = edit(order);
        Tensors(d)["order"] = Json(TensorCodec.EncodeIntegers<int>(edited, [edited.Length]));
    }

    /// <summary>Changes the bytes of a block's data.</summary>
    private static void EditBytes(JsonObject d, string name, Func<byte[], byte[]> edit)
        => Tensors(d)[name]!["data"] = Convert.ToBase64String(edit(Convert.FromBase64String(Tensors(d)[name]!["data"]!.GetValue<string>())));

    private static IEnumerable<TestCaseData> Edits()
    {
        TestCaseData C(string name, string expected, Action<JsonObject> edit) => new TestCaseData(edit, expected).SetName($"Checkpoint_{name}");
        // Settings that build another network: the blocks are named and shaped for the one the checkpoint was made with (iris: 4 inputs, 3 classes).
        yield return C("EditedHidden", "parameter 'layers.0.weight' has shape [5, 4]; the network of its settings (4-7-3-3) needs [7, 4]", d => d["settings"]!["hidden"] = new JsonArray(7, 3));
        yield return C("EditedActivation", "parameter 'layers.0.alpha' is missing", d => d["settings"]!["activation"] = "prelu");
        // The blocks themselves.
        yield return C("MissingParameter", "parameter 'layers.2.bias' is missing", d => Tensors(d).Remove("layers.2.bias"));
        yield return C("MissingBuffer", "parameter 'adam.v.layers.1.bias' is missing", d => Tensors(d).Remove("adam.v.layers.1.bias"));
        yield return C("RenamedBuffer", "unknown parameter 'adam.mean.layers.0.weight'; a checkpoint of this network and adam holds layers.0.weight, ", d =>
        {
            var block = Tensors(d)["adam.m.layers.0.weight"]!.DeepClone();
            Tensors(d).Remove("adam.m.layers.0.weight");
            Tensors(d)["adam.mean.layers.0.weight"] = block;
        });
        yield return C("ForeignBuffer", "unknown parameter 'momentum.velocity.layers.0.weight'", d => Tensors(d)["momentum.velocity.layers.0.weight"] = Tensors(d)["adam.m.layers.0.weight"]!.DeepClone());
        yield return C("WrongDtype", "parameter 'adam.m.layers.0.weight' is float64 but the precision it was trained in needs float32", d => Tensors(d)["adam.m.layers.0.weight"]!["dtype"] = "float64");
        yield return C("UnknownDtype", "parameter 'layers.1.bias' has dtype 'bfloat16'; expected float32", d => Tensors(d)["layers.1.bias"]!["dtype"] = "bfloat16");
        yield return C("TransposedShape", "parameter 'layers.1.weight' has shape [5, 3]; the network of its settings (4-5-3-3) needs [3, 5]", d => Tensors(d)["layers.1.weight"]!["shape"] = new JsonArray(5, 3));
        yield return C("ShortBuffer", "parameter 'adam.v.layers.0.bias' has shape [4]; the network of its settings (4-5-3-3) needs [5]", d =>
        {
            Tensors(d)["adam.v.layers.0.bias"]!["shape"] = new JsonArray(4);
            EditBytes(d, "adam.v.layers.0.bias", b => b[..16]);
        });
        yield return C("ShapeOfOtherLength", "parameter 'layers.0.bias' has 20 bytes; [6] of float32 needs 24", d => Tensors(d)["layers.0.bias"]!["shape"] = new JsonArray(6));
        yield return C("NegativeShape", "parameter 'layers.0.bias' has shape [-5]: a dimension is negative", d => Tensors(d)["layers.0.bias"]!["shape"] = new JsonArray(-5));
        yield return C("TruncatedBase64", "parameter 'layers.0.weight' is not valid base64", d =>
        {
            string data = Tensors(d)["layers.0.weight"]!["data"]!.GetValue<string>();
            Tensors(d)["layers.0.weight"]!["data"] = data[..(data.Length - 3)];
        });
        yield return C("BlockCutShort", "parameter 'layers.0.weight' has 16 bytes; [5, 4] of float32 needs 80", d => EditBytes(d, "layers.0.weight", b => b[..16]));
        yield return C("NaNInBlock", "parameter 'adam.v.layers.0.weight' has a non-finite value", d => EditBytes(d, "adam.v.layers.0.weight", b =>
        {
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * 7), float.NaN);
            return b;
        }));
        yield return C("InfinityInBlock", "parameter 'layers.1.bias' has a non-finite value", d => EditBytes(d, "layers.1.bias", b =>
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, float.PositiveInfinity);
            return b;
        }));
        yield return C("NullBlock", "parameter 'layers.0.bias' is missing its dtype, shape or data", d => Tensors(d)["layers.0.bias"] = null);
        yield return C("BlockWithoutData", "parameter 'adam.m.layers.1.bias' is missing its dtype, shape or data", d => Tensors(d)["adam.m.layers.1.bias"]!.AsObject().Remove("data"));
        // The integer blocks: row order, generator state, step count.
        yield return C("OrderOutOfRange", "row order entry 1 is 1000", d => EditOrder(d, o => [1000, .. o[1..]]));
        yield return C("OrderAllZero", "appears twice in the row order", d => EditOrder(d, o => new int[o.Length]));
        yield return C("OrderShort", "the training data has 120", d => EditOrder(d, o => Enumerable.Range(0, o.Length - 1).ToArray()));
        yield return C("OrderAsFloats", "parameter 'order' has dtype 'float32'; expected int32", d => Tensors(d)["order"]!["dtype"] = "float32");
        yield return C("OrderMissing", "parameter 'order' is missing", d => Tensors(d).Remove("order"));
        yield return C("RngAllZero", "the random-number state must be four words, not all zero", d => Tensors(d)["rng.state"] = Json(TensorCodec.EncodeIntegers<ulong>([0, 0, 0, 0], [4])));
        yield return C("RngThreeWords", "the random-number state must be four words", d => Tensors(d)["rng.state"] = Json(TensorCodec.EncodeIntegers<ulong>([1, 2, 3], [3])));
        yield return C("NegativeSteps", "the optimizer's step count -1 is negative", d => Tensors(d)["adam.step"] = Json(TensorCodec.EncodeIntegers<long>([-1], [])));
        yield return C("StepsAsAVector", "parameter 'adam.step' must be one number (shape [])", d => Tensors(d)["adam.step"] = Json(TensorCodec.EncodeIntegers<long>([5], [1])));
        // The plain fields.
        yield return C("EpochNegative", "epoch -5 is negative", d => d["epoch"] = -5);
        yield return C("EpochHuge", "epoch 2147483647 needs 2147483648 history entries", d => d["epoch"] = int.MaxValue);
        yield return C("EpochBeyondHistory", "epoch 10 needs 11 history entries", d => d["epoch"] = 10);
        yield return C("HistoryRenumbered", "history entry 2 is for epoch 7", d => d["history"]![1]!["epoch"] = 7);
        yield return C("BestEpochOutOfRange", "the best epoch 99 is not between 0 and 4", d => d["bestEpoch"] = 99);
        yield return C("BestWeightsLeftOut", "parameter 'best.layers.0.weight' is missing (the best epoch, 2, is not the last one, 4)", d => d["bestEpoch"] = 2);
        yield return C("SinceImprovementNegative", "epochs since the last improvement (-3)", d => d["sinceImprovement"] = -3);
        yield return C("NullField", "a required field is missing or null", d => d["tensors"] = null);
        yield return C("NullSetting", "a required field is missing or null (settings.activation)", d => d["settings"]!["activation"] = null);
        yield return C("TargetLeftOut", "missing required properties including: 'target'", d => d["settings"]!.AsObject().Remove("target"));
        yield return C("NullDropEntry", "a required field is missing or null (settings.drop)", d => d["settings"]!["drop"] = new JsonArray((JsonNode?)null));
        yield return C("OverflowingNumber", "", d => d["history"]![1]!["loss"] = JsonNode.Parse("1e999"));
        // The history's dead-neuron measurements (issue 14).
        yield return C("DeadUnitOutOfRange", "history of epoch 1, layer 0: unit 99 is not between 0 and 4", d => d["history"]![1]!["deadNeurons"]![0]!["deadUnits"] = new JsonArray(99));
        yield return C("DeadUnitsUnsorted", "history of epoch 2, layer 1: unit 0 follows 2 (a unit list is ascending)", d => d["history"]![2]!["deadNeurons"]![1]!["dormantUnits"] = new JsonArray(2, 0));
        yield return C("LayerMissingFromHistory", "history of epoch 1 measures 1 hidden layers, the network of its settings (4-5-3-3) has 2", d => d["history"]![1]!["deadNeurons"]!.AsArray().RemoveAt(1));
        yield return C("ActiveShareAboveOne", "history of epoch 3, layer 0: an active share is not between 0 and 1", d => d["history"]![3]!["deadNeurons"]![0]!["activeShares"] =
            Json(TensorCodec.Encode([0, 0, 0, 0, 1.5], [5], TensorCodec.Float64)));
        yield return C("RecycledUnitOutOfRange", "history of epoch 2 recycles unit 50 of layer 0, which the network of its settings (4-5-3-3) does not have", d =>
            d["history"]![2]!["recycled"] = new JsonArray(new JsonObject { ["layer"] = 0, ["unit"] = 50 }));
        yield return C("NegativeTime", "history of epoch 1 took -1 s", d => d["history"]![1]!["seconds"] = -1);
        // The dead-neuron monitor's state: the causes in the history, the last activity and the measured weights.
        JsonObject Cause(int unit, string verdict) => new()
        {
            ["layer"] = 0, ["unit"] = unit, ["lastActiveEpoch"] = 1, ["lastActiveBatch"] = 2, ["biasChange"] = -0.5, ["weightChangeNorm"] = 0.1,
            ["weightNorm"] = 1.0, ["inputRms"] = 1.0, ["learningRate"] = 0.001, ["verdict"] = verdict,
        };
        yield return C("CauseWithUnknownVerdict", "history of epoch 2: unknown death verdict 'Overflow'; expected one of BornDead, LargeStep, NegativeBias, Unclear",
            d => d["history"]![2]!["causes"] = new JsonArray(Cause(1, "Overflow")));
        yield return C("CauseOfAMissingUnit", "history of epoch 2 explains the death of unit 50 of layer 0, which the network of its settings (4-5-3-3) does not have",
            d => d["history"]![2]!["causes"] = new JsonArray(Cause(50, "LargeStep")));
        yield return C("LastActiveAfterTheCheckpoint", "parameter 'deadNeurons.lastActiveEpoch.layers.0' holds 9, not between -1 and 4",
            d => Tensors(d)["deadNeurons.lastActiveEpoch.layers.0"] = Json(TensorCodec.EncodeIntegers<int>([9, 0, 0, 0, 0], [5])));
        yield return C("LastActiveOfTooFewUnits", "parameter 'deadNeurons.lastActiveBatch.layers.0' has shape [4]; the network of its settings (4-5-3-3) needs [5]",
            d => Tensors(d)["deadNeurons.lastActiveBatch.layers.0"] = Json(TensorCodec.EncodeIntegers<int>([1, 1, 1, 1], [4])));
        yield return C("LastActiveBlockMissing", "parameter 'deadNeurons.lastActiveBatch.layers.1' is missing", d => Tensors(d).Remove("deadNeurons.lastActiveBatch.layers.1"));
        yield return C("MeasuredBiasMissing", "parameter 'deadNeurons.measured.layers.0.bias' is missing",
            d => Tensors(d)["deadNeurons.measured.layers.0.weight"] = Tensors(d)["layers.0.weight"]!.DeepClone());
        yield return C("EpochAsText", "a value of the wrong kind at $.epoch", d => d["epoch"] = "x"); // no .NET type name
        yield return C("EmptyDataPath", "the checkpoint names no data file", d => d["settings"]!["dataPath"] = ""); // was exit 70
    }

    /// <summary>A checkpoint written before the monitor's state was kept (no deadNeurons blocks, no causes) still resumes.</summary>
    [Test]
    public void CheckpointWithoutTheMonitorState_StillResumes()
    {
        var doc = JsonNode.Parse(File.ReadAllText(_checkpoint))!.AsObject();
        Assert.That(Tensors(doc).Select(t => t.Key).Count(k => k.StartsWith("deadNeurons.", StringComparison.Ordinal)), Is.EqualTo(4), "two hidden layers: epoch and batch blocks");
        foreach (var key in Tensors(doc).Select(t => t.Key).Where(k => k.StartsWith("deadNeurons.", StringComparison.Ordinal)).ToList()) Tensors(doc).Remove(key);
        foreach (var entry in doc["history"]!.AsArray()) entry!.AsObject().Remove("causes");
        string path = _dir.Write("old.json", doc.ToJsonString());

        var run = CliHarness.Run("train", "--resume", path, "--epochs", "5", "--out", _dir.PathOf("old-resumed.json"), "--checkpoint", _dir.PathOf("old.ck.json"), "-q");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [TestCaseSource(nameof(Edits))]
    public void EditedCheckpoint_IsRefusedBeforeTraining(Action<JsonObject> edit, string expected)
    {
        var doc = JsonNode.Parse(File.ReadAllText(_checkpoint))!.AsObject();
        edit(doc);
        string path = _dir.Write("edited.json", doc.ToJsonString());
        string output = _dir.PathOf("resumed.json");
        File.Delete(output);

        var run = CliHarness.Run("train", "--resume", path, "--out", output, "--checkpoint", _dir.PathOf("resumed.checkpoint.json"), "-q");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.ErrorLines[0], Does.StartWith($"error: {path}: "));
        Assert.That(run.ErrorLines[0], Does.Contain(expected), run.ToString());
        Assert.That(File.Exists(output), Is.False, "a refused checkpoint still trained");
    }

    /// <summary>A setting the checkpoint leaves out (written before the setting existed) takes its default, as that run did.</summary>
    [Test]
    public void SettingLeftOut_TakesItsDefault()
    {
        var doc = JsonNode.Parse(File.ReadAllText(_checkpoint))!.AsObject();
        foreach (var setting in new[] { "activation", "drop", "recycle", "deadEvery", "learningRate" }) d(doc).Remove(setting);
        string path = _dir.Write("older.json", doc.ToJsonString());

        var loaded = CheckpointStore.Load(path).Settings;
        var run = CliHarness.Run("train", "--resume", path, "--epochs", "5", "--out", _dir.PathOf("older-out.json"), "--checkpoint", _dir.PathOf("older.ck.json"), "-q");

        var defaults = new TrainSettings { DataPath = "", Target = "" };
        Assert.That((loaded.Activation, loaded.Drop, loaded.Recycle, loaded.DeadEvery, loaded.LearningRate),
            Is.EqualTo((defaults.Activation, defaults.Drop, defaults.Recycle, defaults.DeadEvery, defaults.LearningRate)));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        static JsonObject d(JsonObject checkpoint) => checkpoint["settings"]!.AsObject();
    }

    [Test]
    public void PaddedCheckpoint_IsRefusedAsLargerThanItsShapes()
    {
        string text = File.ReadAllText(_checkpoint);
        string path = _dir.Write("padded.json", text[..^2] + new string(' ', 3 << 20) + text[^2..]);

        var run = CliHarness.Run("train", "--resume", path, "--out", _dir.PathOf("padded-out.json"), "-q");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain("more than its declared shapes need"), run.ToString());
    }

    [Test]
    public void DeviceAsCheckpoint_IsRefusedWithoutReadingIt()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("/dev/zero is a Linux device");
        var run = CliHarness.Run("train", "--resume", "/dev/zero", "-q");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain("/dev/zero: is a character device, not a regular file"));
    }

    /// <summary>
    /// Straight N epochs against N/2 epochs, a checkpoint, and a resume to N: the weights must be the same bits, and the
    /// model's history (with each epoch's dead units) the same entries.
    /// </summary>
    [TestCase("--patience", "2", "--lr", "0.05", TestName = "Resume_BitIdentical_WithEarlyStopping")]
    [TestCase("--activation", "prelu", TestName = "Resume_BitIdentical_WithPRelu")]
    [TestCase("--activation", "prelu", "--prelu-mode", "unit", TestName = "Resume_BitIdentical_WithPerUnitPRelu")]
    [TestCase("--precision", "double", TestName = "Resume_BitIdentical_WithDoublePrecision")]
    // Every unit is born dead and stays dead until it is recycled after epoch 7, after the resume: the redraw uses the restored generator.
    [TestCase("--recycle", "dead", "--recycle-every", "7", "--bias-init", "-8", TestName = "Resume_BitIdentical_WithRecycleDead")]
    // Units recycled after epoch 1, before the checkpoint: the history carries them across the resume.
    [TestCase("--recycle", "dead", "--bias-init", "-1", "--lr", "0.3", TestName = "Resume_BitIdentical_WithUnitsRecycledBeforeTheCheckpoint")]
    public void Resume_IsBitIdentical(params string[] extra)
    {
        string[] Train(string name, int epochs, params string[] more)
            => ["train", CliHarness.IrisPath, "--target", "species", "--hidden", "6", "--epochs", epochs.ToString(), "--batch-size", "16",
                "--seed", "11", "-q", "--out", _dir.PathOf(name), .. extra, .. more];
        var straight = CliHarness.Run(Train("straight.json", 12, "--json"));
        Assert.That(straight.ExitCode, Is.EqualTo(0), straight.ToString());
        if (extra.Contains("--recycle"))
            Assert.That(JsonNode.Parse(straight.Output)!["deadNeurons"]![0]!["recycled"]!.GetValue<int>(), Is.GreaterThan(0), "the case recycles no unit");
        var half = CliHarness.Run(Train("half.json", 6, "--checkpoint-every", "3", "--checkpoint", _dir.PathOf("half.ck.json")));
        Assert.That(half.ExitCode, Is.EqualTo(0), half.ToString());
        var resumed = CliHarness.Run("train", "--resume", _dir.PathOf("half.ck.json"), "--epochs", "12", "--out", _dir.PathOf("resumed-full.json"), "-q", "--json");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        // The death report too: born dead, revived, first death, recycled, and every cause with its last active batch.
        string Deaths(string json) => JsonNode.Parse(json)!["deadNeurons"]!.ToJsonString() + JsonNode.Parse(json)!["verdict"]!.ToJsonString();
        Assert.That(Deaths(resumed.Output), Is.EqualTo(Deaths(straight.Output)));

        var a = ModelStore.Load(_dir.PathOf("straight.json"));
        var b = ModelStore.Load(_dir.PathOf("resumed-full.json"));
        Assert.That(b.Layers.Select(l => l.Weights), Is.EqualTo(a.Layers.Select(l => l.Weights)));
        Assert.That(b.Layers.Select(l => l.AlphaValues), Is.EqualTo(a.Layers.Select(l => l.AlphaValues)));
        Assert.That(b.Training.StopReason, Is.EqualTo(a.Training.StopReason));
        Assert.That(b.Training.BestEpoch, Is.EqualTo(a.Training.BestEpoch));
        Assert.That(b.History.Select(Row), Is.EqualTo(a.History.Select(Row)));
    }

    /// <summary>A model history entry as text (its dead-unit list compared by value).</summary>
    internal static string Row(EpochDocument h)
        => $"{h.Epoch} {h.Loss:R} {h.Metric:R} {h.ValidationLoss:R} {h.ValidationMetric:R} [{(h.DeadPerLayer is null ? "none" : string.Join(",", h.DeadPerLayer))}]";

    /// <summary>The data's hash is taken when it is read: a file rewritten (or removed) mid-run does not become the checkpoint's data.</summary>
    [TestCase(false, TestName = "DataRewrittenMidRun_IsRefusedOnResume")]
    [TestCase(true, TestName = "DataRemovedMidRun_StillSavesTheCheckpoint")]
    public void DataChangedMidRun(bool remove)
    {
        string data = _dir.PathOf(remove ? "removed.csv" : "rewritten.csv");
        File.Copy(CliHarness.IrisPath, data, overwrite: true);
        string checkpoint = _dir.PathOf(remove ? "removed.ck.json" : "rewritten.ck.json");
        var text = new StringWriter();
        var output = TextWriter.Synchronized(text); // written by the training thread, read here under its lock
        string Printed() { lock (output) return text.ToString(); }
        var error = new StringWriter();
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => NeuralNet.Cli.Cli.Run(["train", data, "--target", "species", "--hidden", "4", "--epochs", "100000", "--seed", "2",
            "--dead-every", "0", "--checkpoint", checkpoint, "--out", _dir.PathOf("mid.json")], output, error, false, cts.Token));
        // Wait for the first epoch line: the data has been read and hashed.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Printed().Contains("epoch ") && !run.IsCompleted && DateTime.UtcNow < deadline) Thread.Sleep(20);
        if (remove) File.Delete(data);
        else File.WriteAllText(data, File.ReadAllText(CliHarness.IrisPath).Replace("5.1,3.5", "5.2,3.5"));
        cts.Cancel();
        Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "training did not stop");

        Assert.That(run.Result, Is.EqualTo(ExitCodes.Cancelled), Printed() + error);
        var saved = CheckpointStore.Load(checkpoint);
        Assert.That(saved.DataSha256, Is.EqualTo(CheckpointStore.HashFiles([CliHarness.IrisPath])), "the hash is the data as it was read");
        if (remove) return;
        var resumed = CliHarness.Run("train", "--resume", checkpoint, "-q");
        Assert.That(resumed.ExitCode, Is.EqualTo(ExitCodes.Data), resumed.ToString());
        Assert.That(resumed.ErrorLines[0], Does.Contain("the checkpoint was made on different data"));
    }
}
