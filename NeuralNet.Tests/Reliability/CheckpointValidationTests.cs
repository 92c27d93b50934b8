using System.Text.Json.Nodes;
using NeuralNet.Cli;
using NeuralNet.Cli.Persistence;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// A checkpoint is validated completely before <c>train --resume</c> uses it: every edited field is refused with exit 2
/// and one line, nothing is written; resuming stays bit-identical with early stopping, PReLU and double precision.
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

    private static IEnumerable<TestCaseData> Edits()
    {
        TestCaseData C(string name, string expected, Action<JsonObject> edit) => new TestCaseData(edit, expected).SetName($"Checkpoint_{name}");
        yield return C("EditedHidden", "parameter 'layer0.weights' has 20 values, the network of its settings needs 28", d => d["settings"]!["hidden"] = new JsonArray(7, 3));
        yield return C("EditedActivation", "parameter arrays, the network of its settings", d => d["settings"]!["activation"] = "prelu");
        yield return C("NoOptimizerState", "optimizer state 'layer0.weights.m' is missing", d => d["optimizerState"] = new JsonObject());
        yield return C("ShortOptimizerState", "optimizer state 'layer0.weights.m' is missing or does not have 20 values", d => d["optimizerState"]!["layer0.weights.m"] = new JsonArray(1.0, 2.0));
        yield return C("ForeignOptimizerState", "does not belong to adam", d => d["optimizerState"]!["layer0.weights.velocity"] = d["optimizerState"]!["layer0.weights.m"]!.DeepClone());
        yield return C("OrderOutOfRange", "row order entry 1 is 1000", d => d["order"]![0] = 1000);
        yield return C("OrderAllZero", "appears twice in the row order", d => d["order"] = new JsonArray(Enumerable.Repeat(0, d["order"]!.AsArray().Count).Select(z => (JsonNode)z).ToArray()));
        yield return C("OrderShort", "the training data has 120", d => d["order"] = new JsonArray(Enumerable.Range(0, 119).Select(z => (JsonNode)z).ToArray()));
        yield return C("RngAllZero", "the random-number state must be four words, not all zero", d => d["rngState"] = new JsonArray(0, 0, 0, 0));
        yield return C("RngThreeWords", "the random-number state must be four words", d => d["rngState"] = new JsonArray(1, 2, 3));
        yield return C("EpochNegative", "epoch -5 is negative", d => d["epoch"] = -5);
        yield return C("EpochHuge", "epoch 2147483647 needs 2147483648 history entries", d => d["epoch"] = int.MaxValue);
        yield return C("EpochBeyondHistory", "epoch 10 needs 11 history entries", d => d["epoch"] = 10);
        yield return C("HistoryRenumbered", "history entry 2 is for epoch 7", d => d["history"]![1]!["epoch"] = 7);
        yield return C("BestEpochOutOfRange", "the best epoch 99 is not between 0 and 4", d => d["bestEpoch"] = 99);
        yield return C("SinceImprovementNegative", "epochs since the last improvement (-3)", d => d["sinceImprovement"] = -3);
        yield return C("NegativeSteps", "the optimizer's step count -1 is negative", d => d["optimizerSteps"] = -1);
        yield return C("MissingParameter", "it has 5 parameter arrays", d => d["parameters"]!.AsArray().RemoveAt(5));
        yield return C("ShortBestParameters", "the best epoch's 'layer0.weights' does not have 20 values", d => d["bestParameters"]![0] = new JsonArray(1.0));
        yield return C("NullField", "a required field is missing or null", d => d["order"] = null);
        yield return C("OverflowingNumber", "", d => d["parameters"]![0]![0] = JsonNode.Parse("1e999"));
        yield return C("EpochAsText", "a value of the wrong kind at $.epoch", d => d["epoch"] = "x"); // no .NET type name
        yield return C("EmptyDataPath", "the checkpoint names no data file", d => d["settings"]!["dataPath"] = ""); // was exit 70
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

    /// <summary>Straight N epochs against N/2 epochs, a checkpoint, and a resume to N: the weights must be the same bits.</summary>
    [TestCase("--patience", "2", "--lr", "0.05", TestName = "Resume_BitIdentical_WithEarlyStopping")]
    [TestCase("--activation", "prelu", TestName = "Resume_BitIdentical_WithPRelu")]
    [TestCase("--activation", "prelu", "--prelu-mode", "unit", TestName = "Resume_BitIdentical_WithPerUnitPRelu")]
    [TestCase("--precision", "double", TestName = "Resume_BitIdentical_WithDoublePrecision")]
    public void Resume_IsBitIdentical(params string[] extra)
    {
        string[] Train(string name, int epochs, params string[] more)
            => ["train", CliHarness.IrisPath, "--target", "species", "--hidden", "6", "--epochs", epochs.ToString(), "--batch-size", "16",
                "--seed", "11", "-q", "--out", _dir.PathOf(name), .. extra, .. more];
        var straight = CliHarness.Run(Train("straight.json", 12));
        Assert.That(straight.ExitCode, Is.EqualTo(0), straight.ToString());
        var half = CliHarness.Run(Train("half.json", 6, "--checkpoint-every", "3", "--checkpoint", _dir.PathOf("half.ck.json")));
        Assert.That(half.ExitCode, Is.EqualTo(0), half.ToString());
        var resumed = CliHarness.Run("train", "--resume", _dir.PathOf("half.ck.json"), "--epochs", "12", "--out", _dir.PathOf("resumed-full.json"), "-q");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());

        var a = ModelStore.Load(_dir.PathOf("straight.json"));
        var b = ModelStore.Load(_dir.PathOf("resumed-full.json"));
        Assert.That(b.Layers.Select(l => l.Weights), Is.EqualTo(a.Layers.Select(l => l.Weights)));
        Assert.That(b.Layers.Select(l => l.AlphaValues), Is.EqualTo(a.Layers.Select(l => l.AlphaValues)));
        Assert.That(b.Training.StopReason, Is.EqualTo(a.Training.StopReason));
        Assert.That(b.Training.BestEpoch, Is.EqualTo(a.Training.BestEpoch));
    }

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
