using System.Text.Json.Nodes;
using NeuralNet.Cli;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Tests.Cli;

/// <summary><c>--scale standard|minmax|none</c> in train and experiment, and what resuming does with it.</summary>
public sealed class ScaleOptionTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static CliRun Train(params string[] options)
        => CliHarness.Run(["train", CliHarness.IrisPath, "--target", "species", "--hidden", "6", "--seed", "4", "-q", .. options]);

    private static JsonArray FeaturesOf(string model) => JsonNode.Parse(File.ReadAllText(model))!["features"]!.AsArray();

    [Test]
    public void TrainScaleMinmax_WritesAModelWhoseFeaturesSayMinmax_WithTheTrainingMinAndRange()
    {
        string model = _dir.PathOf("m.json");

        // No validation rows: the training split is the whole file, so its min and max are the file's.
        var run = Train("--scale", "minmax", "--validation-split", "0", "-e", "2", "--out", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var table = CsvTableReader.Read(CliHarness.IrisPath); // float32 values, as train reads them
        foreach (var feature in FeaturesOf(model))
        {
            var column = (NumericColumn)table.Data[table.IndexOf(feature!["name"]!.GetValue<string>())];
            var values = Enumerable.Range(0, table.RowCount).Select(r => column[r]).ToList();
            Assert.That(feature["scaling"]!.GetValue<string>(), Is.EqualTo("minmax"));
            Assert.That(feature["offset"]!.GetValue<double>(), Is.EqualTo(values.Min()));
            Assert.That(feature["scale"]!.GetValue<double>(), Is.EqualTo(values.Max() - values.Min()));
            Assert.That(feature["mean"]!.GetValue<double>(), Is.EqualTo(values.Sum() / values.Count).Within(1e-12), "the fill stays the training mean");
        }
        var inspect = CliHarness.Run("inspect", model);
        Assert.That(inspect.Output, Does.Contain("scaling    minmax (numeric columns)"), inspect.ToString());
    }

    [Test]
    public void TrainWithoutScale_IsStandard()
    {
        string model = _dir.PathOf("m.json");

        Assert.That(Train("-e", "1", "--out", model).ExitCode, Is.EqualTo(ExitCodes.Ok));

        Assert.That(FeaturesOf(model).Select(f => f!["scaling"]!.GetValue<string>()), Is.All.EqualTo(FeatureScaling.StandardName));
    }

    [TestCase("train")]
    [TestCase("experiment")]
    public void UnknownScale_IsAOneLineUsageError_ListingTheNames(string command)
    {
        var run = CliHarness.Run(command, CliHarness.IrisPath, "--target", "species", "--scale", "bogus", "-e", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.ErrorLines[0], Does.StartWith("error: ").And.Contain("'bogus'"));
        Assert.That(run.ErrorLines[0], Does.Contain($"--scale: unknown value 'bogus'; expected one of {string.Join(", ", FeatureScaling.Names.Order(StringComparer.Ordinal))}"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void ResumeFromAModel_WithScale_IsRefused_AndTheModelIsUntouched()
    {
        string model = _dir.PathOf("m.json");
        Assert.That(Train("-e", "1", "--out", model).ExitCode, Is.EqualTo(ExitCodes.Ok));
        byte[] before = File.ReadAllBytes(model);

        var run = Train("--resume", model, "--scale", "minmax", "-e", "1", "--out", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.ErrorLines[0], Does.StartWith("error: --scale cannot apply when resuming from a model file"));
        Assert.That(File.ReadAllBytes(model), Is.EqualTo(before));
    }

    [Test]
    public void ResumeFromACheckpoint_KeepsItsScaling_AndRefusesScale()
    {
        string first = _dir.PathOf("first.json"), checkpoint = _dir.PathOf("first.checkpoint.json"), resumed = _dir.PathOf("resumed.json");
        Assert.That(Train("--scale", "minmax", "-e", "2", "--checkpoint-every", "1", "--out", first).ExitCode, Is.EqualTo(ExitCodes.Ok));

        var refused = CliHarness.Run("train", "--resume", checkpoint, "--scale", "none", "-e", "3", "--out", resumed);
        var run = CliHarness.Run("train", "--resume", checkpoint, "-e", "3", "-q", "--out", resumed);

        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Usage), refused.ToString());
        Assert.That(refused.ErrorLines, Has.Length.EqualTo(1), refused.ToString());
        Assert.That(refused.ErrorLines[0], Does.StartWith("error: --scale cannot be changed when resuming a checkpoint"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(FeaturesOf(resumed).Select(f => f!["scaling"]!.GetValue<string>()), Is.All.EqualTo("minmax"));
        Assert.That(FeaturesOf(resumed).Select(f => f!["offset"]!.GetValue<double>()), Is.EqualTo(FeaturesOf(first).Select(f => f!["offset"]!.GetValue<double>())));
    }

    [Test]
    public void ExperimentScale_IsAFixedSettingOfTheGrid_AndRunsAsTrainDoes()
    {
        string json = _dir.PathOf("runs.json");
        var experiment = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "-a", "relu", "--seeds", "1", "--hidden", "6",
            "-e", "2", "--seed", "4", "--scale", "none", "--out-json", json, "-q");
        var none = Train("--scale", "none", "-e", "2", "--json", "--out", _dir.PathOf("none.json"));
        var standard = Train("-e", "2", "--json", "--out", _dir.PathOf("standard.json"));
        Assert.That(experiment.ExitCode, Is.EqualTo(ExitCodes.Ok), experiment.ToString());

        var doc = JsonNode.Parse(File.ReadAllText(json))!;
        static double[] ValidationLosses(JsonNode epochs)
            => epochs.AsArray().Where(e => e!["epoch"]!.GetValue<int>() > 0).Select(e => e!["validationLoss"]!.GetValue<double>()).ToArray();
        var grid = ValidationLosses(doc["runs"]![0]!["epochs"]!);

        Assert.That(doc["settings"]!["Scaling"]!.GetValue<string>(), Is.EqualTo("none"));
        Assert.That(grid, Is.EqualTo(ValidationLosses(JsonNode.Parse(none.Output)!["history"]!)), "the grid's run is train --scale none's");
        Assert.That(grid, Is.Not.EqualTo(ValidationLosses(JsonNode.Parse(standard.Output)!["history"]!)));
    }
}
