using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>Training on 1 row, on 1 feature, with a batch larger than the data and with 0 epochs behaves sensibly.</summary>
public class ExtremeRunsTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [TestCase("one-row.csv", "--epochs", "3")]
    [TestCase("one-feature.csv", "--epochs", "3")]
    [TestCase("one-feature.csv", "--batch-size", "1000", "--epochs", "3")]
    [TestCase("one-feature.csv", "--epochs", "0")]
    public void Trains_AndWritesAModel(string file, params string[] extra)
    {
        string model = _dir.PathOf("model.json");
        var run = CliHarness.Run(["train", Path.Combine(CorpusTests.CorpusFolder, file), "--target", "y", "--hidden", "4", "--seed", "1", "-q", "--out", model, .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(File.Exists(model), Is.True);
        var evaluate = CliHarness.Run("evaluate", model, Path.Combine(CorpusTests.CorpusFolder, file), "-q");
        Assert.That(evaluate.ExitCode, Is.EqualTo(ExitCodes.Ok), evaluate.ToString());
    }
}
