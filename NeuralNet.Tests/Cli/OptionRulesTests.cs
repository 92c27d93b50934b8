using NeuralNet.Cli;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// Issue 12, "sizes that cannot fit in memory are refused up front with the memory they would need": the per-epoch
/// records of long runs and large grids, and no spurious refusal for a batch larger than the data or many threads.
/// </summary>
public class OptionRulesTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Epochs_WhoseRecordsCannotFit_AreRefusedUpFront_WithTheMemoryNeeded()
    {
        int epochs = int.MaxValue;
        // 64,32 hidden units measured every epoch: the bytes the rule counts, in TB as the message gives them.
        double bytes = OptionRules.BytesPerRun + (epochs + 1.0) * OptionRules.BytesPerEpoch(96, 1);

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", epochs.ToString(), "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain($"--epochs 2,147,483,647: the record of every epoch").And.Contain($"needs about {bytes / 1e12:0.#} TB"));
        Assert.That(File.Exists(_dir.PathOf("m.json")), Is.False);
    }

    [Test]
    public void Seeds_ForAGridThatCannotFit_AreRefusedUpFront_NotAnInternalError()
    {
        var run = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "--seeds", int.MaxValue.ToString(), "--activation", "relu", "--epochs", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain($"{int.MaxValue:N0} runs of 1 epochs").And.Contain("choose fewer seeds"));
    }

    [Test]
    public void BatchSize_LargerThanTheRows_TrainsOnAllRowsAtOnce()
    {
        // A batch is at most the training rows (120 of iris): as Keras, an absurd --batch-size is one full batch, not a memory error.
        var huge = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "4", "--seed", "1", "-q",
            "--batch-size", int.MaxValue.ToString(), "--out", _dir.PathOf("huge.json"));
        var rows = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "4", "--seed", "1", "-q",
            "--batch-size", "120", "--out", _dir.PathOf("rows.json"));

        Assert.That(huge.ExitCode, Is.EqualTo(ExitCodes.Ok), huge.ToString());
        Assert.That(huge.Output.Replace("huge.json", ""), Is.EqualTo(rows.Output.Replace("rows.json", "")), "the same training as one batch of all rows");
    }

    [Test]
    public void Threads_BeyondTheRuns_AreNotCountedAsNetworksInMemory()
    {
        var run = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "--seeds", "1", "--activation", "relu", "--epochs", "1",
            "--hidden", "4", "--threads", "100000");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
    }
}
