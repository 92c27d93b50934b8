using NeuralNet.Core.Models;
using NeuralNet.Cli;
using NeuralNet.Cli.Persistence;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>train --checkpoint-every, an interrupted run's checkpoint, and --resume (checkpoint: bit-identical; model: continues).</summary>
public class CheckpointCommandTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string[] Train(string outName, int epochs, params string[] extra)
        => ["train", CliHarness.IrisPath, "--target", "species", "--hidden", "6", "--epochs", epochs.ToString(), "--batch-size", "16",
            "--patience", "50", "--seed", "7", "-q", "--out", _dir.PathOf(outName), .. extra];

    private double[][][] Weights(string name) => ModelStore.Load(_dir.PathOf(name)).Layers.Select(l => l.Weights).ToArray();

    [Test]
    public void InterruptedRun_SavesACheckpoint_AndResumeGivesBitIdenticalWeights()
    {
        Assert.That(CliHarness.Run(Train("straight.json", 5)).ExitCode, Is.EqualTo(0));
        using var cts = new CancellationTokenSource();
        cts.Cancel(); // interrupted before the first batch: the checkpoint is at epoch 0

        var stopped = CliHarness.RunWith(cts.Token, Train("resumed.json", 5));

        Assert.That(stopped.ExitCode, Is.EqualTo(ExitCodes.Cancelled), stopped.ToString());
        string checkpoint = _dir.PathOf("resumed.checkpoint.json");
        Assert.That(stopped.Error, Does.Contain($"continue with: neuralnet train --resume {checkpoint}"));
        var resumed = CliHarness.Run("train", "--resume", checkpoint, "-q");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(Weights("resumed.json"), Is.EqualTo(Weights("straight.json")));
    }

    [Test]
    public void CheckpointEvery_WritesCheckpoints_ThatResumeToBitIdenticalWeights()
    {
        var run = CliHarness.Run(Train("model.json", 6, "--checkpoint-every", "2", "--checkpoint", _dir.PathOf("ck.json")));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var checkpoint = CheckpointStore.Load(_dir.PathOf("ck.json"));
        Assert.That(checkpoint.Epoch, Is.EqualTo(6));

        // A 3-epoch run's checkpoint (epoch 2), continued to 6 epochs.
        Assert.That(CliHarness.Run(Train("short.json", 3, "--checkpoint-every", "2", "--checkpoint", _dir.PathOf("ck2.json"))).ExitCode, Is.EqualTo(0));
        Assert.That(CheckpointStore.Load(_dir.PathOf("ck2.json")).Epoch, Is.EqualTo(2));
        var resumed = CliHarness.Run("train", "--resume", _dir.PathOf("ck2.json"), "--epochs", "6", "--out", _dir.PathOf("continued.json"), "-q");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(Weights("continued.json"), Is.EqualTo(Weights("model.json")));
    }

    /// <summary>
    /// Issue 14: a resumed run's model lost the dead-unit counts of the epochs before its checkpoint. Here units die in
    /// the first epochs (lr 0.2), before the checkpoint after epoch 4; the resumed run's history and --metrics-csv must
    /// be the uninterrupted run's, the times of the epochs before the resume being the first run's.
    /// </summary>
    [Test]
    public void Resume_KeepsTheDeadNeuronHistoryOfTheEpochsBeforeIt()
    {
        string[] Run(string name, int epochs, params string[] extra)
            => ["train", CliHarness.IrisPath, "--target", "species", "--hidden", "16,8", "--lr", "0.2", "--seed", "4", "-q", "--epochs", epochs.ToString(),
                "--out", _dir.PathOf(name + ".json"), "--metrics-csv", _dir.PathOf(name + ".csv"), .. extra];
        Assert.That(CliHarness.Run(Run("straight", 8)).ExitCode, Is.EqualTo(0));
        Assert.That(CliHarness.Run(Run("half", 4, "--checkpoint-every", "4", "--checkpoint", _dir.PathOf("half.ck.json"))).ExitCode, Is.EqualTo(0));

        var resumed = CliHarness.Run("train", "--resume", _dir.PathOf("half.ck.json"), "--epochs", "8", "-q",
            "--out", _dir.PathOf("resumed.json"), "--metrics-csv", _dir.PathOf("resumed.csv"));

        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        var straight = ModelStore.Load(_dir.PathOf("straight.json")).History;
        var history = ModelStore.Load(_dir.PathOf("resumed.json")).History;
        Assert.That(straight.Take(5).Sum(h => h.DeadPerLayer!.Sum()), Is.GreaterThan(0), "no unit dies before the checkpoint: the case tests nothing");
        Assert.That(history.Select(CheckpointValidationTests.Row), Is.EqualTo(straight.Select(CheckpointValidationTests.Row)));
        string[] WithoutTime(string name) => File.ReadAllLines(_dir.PathOf(name)).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        string[] Times(string name) => File.ReadAllLines(_dir.PathOf(name)).Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]).ToArray();
        Assert.That(WithoutTime("resumed.csv"), Is.EqualTo(WithoutTime("straight.csv")));
        Assert.That(Times("resumed.csv").Take(4), Is.EqualTo(Times("half.csv")), "the epochs before the resume keep their times");
    }

    [Test]
    public void ResumeCheckpoint_RefusesChangedSettingsAndChangedData()
    {
        Assert.That(CliHarness.Run(Train("model.json", 2, "--checkpoint-every", "1")).ExitCode, Is.EqualTo(0));
        string checkpoint = _dir.PathOf("model.checkpoint.json");

        var changed = CliHarness.Run("train", "--resume", checkpoint, "--lr", "0.5");
        Assert.That(changed.ExitCode, Is.EqualTo(ExitCodes.Usage), changed.ToString());
        Assert.That(changed.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(changed.ErrorLines[0], Does.Contain("--lr cannot be changed when resuming a checkpoint"));

        string other = _dir.Write("other.csv", File.ReadAllText(CliHarness.IrisPath).Replace("5.1,3.5", "5.2,3.5"));
        var otherData = CliHarness.Run("train", other, "--resume", checkpoint);
        Assert.That(otherData.ExitCode, Is.EqualTo(ExitCodes.Data), otherData.ToString());
        Assert.That(otherData.ErrorLines[0], Does.Contain("the checkpoint was made on different data"));
    }

    [Test]
    public void ResumeFromAPlainModel_ContinuesFromItsWeights()
    {
        Assert.That(CliHarness.Run(Train("first.json", 3)).ExitCode, Is.EqualTo(0));
        var first = ModelStore.Load(_dir.PathOf("first.json"));

        var run = CliHarness.Run(Train("second.json", 2, "--resume", _dir.PathOf("first.json"), "--validation-split", "0.2"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var second = ModelStore.Load(_dir.PathOf("second.json"));
        Assert.That(second.Layers.Select(l => l.Units), Is.EqualTo(first.Layers.Select(l => l.Units)));
        Assert.That(second.History[1].Loss, Is.LessThan(first.History[1].Loss!.Value), "the new run starts from the trained weights, not from scratch");
    }

    [Test]
    public void ResumeFromGarbage_IsADataError()
    {
        string bad = _dir.Write("bad.json", "{\"format\": \"neuralnet-checkpoint\", \"schemaVersion\": 1, \"settings\": null}");
        var run = CliHarness.Run("train", "--resume", bad);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
    }
}
