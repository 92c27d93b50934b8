using System.Text.Json.Nodes;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>The confirmed bugs of issue 11 where train, experiment and resume had drifted apart, one test each.</summary>
public sealed class PipelineFixTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [TestCase("--plot", "chart.png")]
    [TestCase("--out-csv", "runs.csv")]
    public void Experiment_OutputIntoAMissingFolder_IsADataError_BeforeAnyRun(string option, string file)
    {
        string missing = Path.Combine(_dir.Folder, "no-such-folder", file);

        var run = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "--epochs", "1", "--seeds", "1", "--hidden", "4", option, missing);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"error: {missing}: folder '{Path.GetDirectoryName(missing)}' does not exist" }));
        Assert.That(run.Output, Does.Not.Contain("experiment:"), "the check comes before any run");
    }

    [Test]
    public void DeadEveryZero_MeansStartAndEnd_InTrainAndExperiment()
    {
        // A hidden bias of -50 kills every ReLU unit from the start, so a measured network shows all 6 units dead.
        string json = _dir.PathOf("runs.json");
        var experiment = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--seeds", "1", "--hidden", "6",
            "--bias-init", "-50", "--dead-every", "0", "--out-json", json, "--seed", "4");
        var train = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "6", "--bias-init", "-50",
            "--dead-every", "0", "--json", "--seed", "4", "--out", _dir.PathOf("m.json"));
        Assert.That(experiment.ExitCode, Is.EqualTo(ExitCodes.Ok), experiment.ToString());
        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());

        var runDoc = JsonNode.Parse(File.ReadAllText(json))!["runs"]![0]!;
        int trainDead = JsonNode.Parse(train.Output)!["deadNeurons"]![0]!["dead"]!.GetValue<int>();
        var perEpoch = runDoc["epochs"]!.AsArray().Select(e => e!["layers"]?.AsArray().Sum(l => l!["dead"]!.GetValue<int>())).ToArray();

        Assert.That(trainDead, Is.EqualTo(6));
        Assert.That(runDoc["dead"]!.GetValue<int>(), Is.EqualTo(trainDead));
        Assert.That(perEpoch, Is.EqualTo(new int?[] { 6, null, 6 }), "measured at initialization and after the last epoch only");
    }

    [Test]
    public void ResumeFromAModel_WithArchitectureOptions_IsAUsageErrorNamingThem()
    {
        string model = _dir.PathOf("m.json");
        Assert.That(CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "1", "--hidden", "6,5", "--seed", "1", "-q", "--out", model).ExitCode, Is.EqualTo(0));
        byte[] before = File.ReadAllBytes(model);

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--resume", model, "--hidden", "3", "--activation", "tanh", "--epochs", "1", "--out", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("error: --hidden, --activation cannot apply when resuming from a model file"));
        Assert.That(File.ReadAllBytes(model), Is.EqualTo(before));
    }

    [Test]
    public void ResumeFromAModel_StoresTheHiddenSizesOfTheResumedNetwork()
    {
        string model = _dir.PathOf("m.json"), next = _dir.PathOf("next.json");
        Assert.That(CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "1", "--hidden", "6,5", "--seed", "1", "-q", "--out", model).ExitCode, Is.EqualTo(0));

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--resume", model, "--epochs", "1", "-q", "--out", next);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var hidden = JsonNode.Parse(File.ReadAllText(next))!["training"]!["hidden"]!.AsArray().Select(h => h!.GetValue<int>());
        Assert.That(hidden, Is.EqualTo(new[] { 6, 5 }));
    }
}
