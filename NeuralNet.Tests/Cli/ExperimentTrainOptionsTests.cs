using System.Text.Json.Nodes;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// --loss, --output and --dormant-tau in experiment: options shared with train behave as in train, so a grid's run is
/// the run train trains with the same options (and the option changes something, or the comparison shows nothing).
/// </summary>
public sealed class ExperimentTrainOptionsTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static string Data(string name) => Path.Combine(Path.GetDirectoryName(CliHarness.IrisPath)!, name);

    [TestCase("breast_cancer.csv", "diagnosis", "--loss", "softmax-cross-entropy")]
    [TestCase("diabetes.csv", "progression", "--output", "tanh")]
    public void ALossOrOutputOption_ReachesTheRuns_AsItReachesTrain(string file, string target, string option, string value)
    {
        string[] common = ["--target", target, "--hidden", "6", "--seed", "3", "-e", "2", "--activation", "relu"];
        var (withOption, report) = ExperimentAndTrain(file, common, [option, value]);
        var (without, _) = ExperimentAndTrain(file, common, []);

        Assert.That(Losses(withOption["epochs"]!), Is.EqualTo(TrainLosses(report)).Within(1e-12), "the grid's run is train's with the same options");
        Assert.That(Losses(withOption["epochs"]!), Is.Not.EqualTo(Losses(without["epochs"]!)).Within(1e-9), $"{option} changed nothing");
    }

    [Test]
    public void DormantTau_ReachesTheRunsStatistics_AsItReachesTrain()
    {
        string[] common = ["--target", "species", "--hidden", "6", "--seed", "4", "-e", "3", "--activation", "relu"];
        var (loose, report) = ExperimentAndTrain("iris.csv", common, ["--dormant-tau", "0.9"]);
        var (strict, _) = ExperimentAndTrain("iris.csv", common, []);
        static int LastDormant(JsonNode run) => run["epochs"]!.AsArray()[^1]!["layers"]![0]!["dormant"]!.GetValue<int>();

        var trainLayer = report["deadNeurons"]![0]!;
        Assert.That(trainLayer["dormantTau"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(LastDormant(loose), Is.EqualTo(trainLayer["dormant"]!.GetValue<int>()));
        Assert.That(LastDormant(loose), Is.GreaterThan(LastDormant(strict)), "a looser τ counts more units dormant");
    }

    [TestCase("--dormant-tau", "-1", "--dormant-tau expects a finite number ≥ 0")]
    [TestCase("--loss", "hinge", "--loss: unknown value 'hinge'; expected one of auto, binary-cross-entropy, mse, softmax-cross-entropy")]
    [TestCase("--output", "sigmoidd", "--output: unknown value 'sigmoidd'; expected one of auto, identity, sigmoid, softmax, tanh; did you mean 'sigmoid'?")]
    public void ABadValue_IsAUsageError_NamingTheOption(string option, string value, string message)
    {
        var run = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "--seeds", "1", "-e", "1", option, value);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain(message));
    }

    /// <summary>Run 0 of a one-run experiment (from its --out-json) and train's --json report, both with <paramref name="extra"/>.</summary>
    private (JsonNode Run, JsonNode Report) ExperimentAndTrain(string file, string[] common, string[] extra)
    {
        string json = _dir.PathOf($"runs{extra.Length}.json");
        var experiment = CliHarness.Run(["experiment", Data(file), .. common, "--seeds", "1", "--out-json", json, "-q", .. extra]);
        Assert.That(experiment.ExitCode, Is.EqualTo(ExitCodes.Ok), experiment.ToString());
        var train = CliHarness.Run(["train", Data(file), .. common, "--json", "--out", _dir.PathOf($"m{extra.Length}.json"), .. extra]);
        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());
        return (JsonNode.Parse(File.ReadAllText(json))!["runs"]![0]!, JsonNode.Parse(train.Output)!);
    }

    private static double[] Losses(JsonNode epochs) => epochs.AsArray().Where(e => e!["epoch"]!.GetValue<int>() > 0).Select(e => e!["loss"]!.GetValue<double>()).ToArray();

    private static double[] TrainLosses(JsonNode report) => Losses(report["history"]!);
}
