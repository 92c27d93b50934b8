using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NeuralNet.Cli;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Experiments;

/// <summary>The experiment workflow end to end, called with its settings (the option names are the command's business).</summary>
public class ExperimentWorkflowTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = new CliHarness();

    [TearDown]
    public void RemoveFolder() => _dir.Dispose();

    private ExperimentSettings Settings(params string[] activations) => new()
    {
        DataPath = CliHarness.IrisPath, Target = "species", Activations = activations.Length > 0 ? activations : ["relu", "prelu"],
        Hidden = [[6]], LearningRates = [0.01], Inits = ["he-normal"], BiasInits = [0.0], Seeds = 2, Epochs = 3, Threads = 2,
    };

    private static (int Code, string Out) Run(ExperimentSettings s)
    {
        var output = new StringWriter();
        int code = ExperimentWorkflow.Run(s, new Reporter(output, new StringWriter(), Verbosity.Normal, false), CancellationToken.None);
        return (code, output.ToString());
    }

    [Test]
    public void RunCount_CountedFromTheAxes_IsTheSizeOfTheExpandedGrid()
    {
        // Every axis above one, recycling and the folds included: the memory check counts the grid before it is built.
        var s = Settings("relu", "leaky-relu") with
        {
            Hidden = [[6], [4, 3]], LearningRates = [0.01, 0.1], Inits = ["he-normal", "rai"], BiasInits = [0.0, -1.0],
            Recycles = ["off", "dead", "dormant"], Seeds = 3, Folds = 2,
        };

        Assert.That(s.RunCount(), Is.EqualTo(s.Grid().Expand(s.Template()).Count));
    }

    [Test]
    public void Folds_RunEverySeedOnEveryFold_AndEveryOutputCarriesTheMetadata()
    {
        string csv = _dir.PathOf("runs.csv"), json = _dir.PathOf("runs.json");
        var (code, output) = Run(Settings() with { Folds = 3, OutCsv = csv, OutJson = json });

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("12 runs (2 settings × 2 seeds × 3 folds)"));
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(CliHarness.IrisPath)));
        var lines = File.ReadAllLines(csv);
        var header = Cells(lines[0]);
        var first = Cells(lines[1]);
        string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
        Assert.That(lines, Has.Length.EqualTo(1 + 12));
        Assert.That(lines.Skip(1).Select(l => Cells(l)[Array.IndexOf(header, "sample")]).Take(3), Is.EqualTo(new[] { "0", "1", "2" }));
        Assert.That(Cell(first, "data_sha256"), Is.EqualTo(sha));
        Assert.That(Cell(first, "setting_folds"), Is.EqualTo("3"));
        Assert.That(Cell(first, "setting_epochs"), Is.EqualTo("3"));
        Assert.That(Cell(first, "setting_optimizer"), Is.EqualTo("adam"));
        Assert.That(Cell(first, "setting_batch_size"), Is.EqualTo("32"));
        Assert.That(DateTimeOffset.Parse(Cell(first, "date"), CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromHours(1)));

        var doc = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.That(doc["dataSha256"]!.GetValue<string>(), Is.EqualTo(sha));
        Assert.That(doc["toolVersion"]!.GetValue<string>(), Is.EqualTo(NeuralNet.Core.ToolInfo.Version));
        Assert.That(doc["settings"]!["Folds"]!.GetValue<string>(), Is.EqualTo("3"));
        Assert.That(doc["summary"]!.AsArray(), Has.Count.EqualTo(2));
        var run = doc["runs"]![0]!;
        var epochs = run["epochs"]!.AsArray();
        Assert.That(epochs, Has.Count.EqualTo(1 + 3), "epoch 0 and three epochs");
        var layer = epochs[3]!["layers"]![0]!;
        Assert.That(layer["units"]!.GetValue<int>(), Is.EqualTo(6));
        Assert.That(layer.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "dead", "inactive", "nearDead" }));
        Assert.That(epochs[3]!["validationMetric"]!.GetValue<double>(), Is.InRange(0.0, 1.0));
        // Iris has 150 rows: three folds hold out 50 each, so every validation accuracy is a multiple of 1/50.
        foreach (var r in doc["runs"]!.AsArray())
        {
            double metric = r!["metric"]!.GetValue<double>() * 50;
            Assert.That(metric, Is.EqualTo(Math.Round(metric)).Within(1e-9));
        }
    }

    /// <summary>The cells of one CSV line (quoted cells may hold commas and doubled quotes).</summary>
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    [Test]
    public void Resume_RefusesADifferentDataSampling_NamingIt()
    {
        string results = _dir.PathOf("r.jsonl");
        Assert.That(Run(Settings() with { Folds = 3, Results = results }).Code, Is.EqualTo(ExitCodes.Ok));
        string before = File.ReadAllText(results);

        var error = Assert.Throws<CliException>(() => Run(Settings() with { Resplits = 3, Resume = results }));

        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.Data));
        Assert.That(error.Message, Does.Contain("cannot resume: a different grid").And.Contain("Folds is none here, 3 there").And.Contain("Resplits is 3 here, none there"));
        Assert.That(File.ReadAllText(results), Is.EqualTo(before));
    }

    [Test]
    public void Baseline_NamedByItsWords_IsTheRowTheOthersAreComparedWith()
    {
        string md = _dir.PathOf("t.md");
        var (code, _) = Run(Settings("relu", "leaky-relu", "prelu") with { Baseline = "prelu", Markdown = md });

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        var rows = File.ReadAllLines(md).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.That(rows.Single(r => r.Contains("baseline", StringComparison.Ordinal)), Does.StartWith("| prelu hidden=6"));
    }

    [TestCase("lr=0.01", "matches 2 settings")]
    [TestCase("swish", "matches none of the settings")]
    public void Baseline_ThatIsNotOneSetting_IsAUsageError(string baseline, string message)
    {
        var error = Assert.Throws<CliException>(() => Run(Settings() with { Baseline = baseline }));
        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.Message, Does.Contain(message));
    }

    [TestCase(3, 2, null, "give one")]
    [TestCase(1, null, null, "at least 2 folds")]
    [TestCase(3, null, 0.3, "does not apply with --folds")]
    [TestCase(null, 2, 0.0, "needs a --validation-split above 0")]
    public void DataSampling_OptionsThatCannotWork_AreUsageErrors(int? folds, int? resplits, double? split, string message)
    {
        var error = Assert.Throws<CliException>(() => Run(Settings() with { Folds = folds, Resplits = resplits, ValidationSplit = split }));
        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public void TheFirstRun_IsWhatTrainTrainsWithTheSameOptions()
    {
        // Run 0 is relu with seed 4 on the split of --seed 4: the same rows, weights and batches as train --seed 4.
        string json = _dir.PathOf("runs.json"), metrics = _dir.PathOf("m.csv");
        Assert.That(Run(Settings() with { Seed = 4, Seeds = 1, OutJson = json, BatchSize = 16 }).Code, Is.EqualTo(ExitCodes.Ok));
        var train = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "3", "--hidden", "6", "--lr", "0.01",
            "--batch-size", "16", "--seed", "4", "--metrics-csv", metrics, "--out", _dir.PathOf("m.json"), "-q");
        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());

        var experimentLoss = JsonNode.Parse(File.ReadAllText(json))!["runs"]![0]!["epochs"]!.AsArray().Skip(1).Select(e => e!["loss"]!.GetValue<double>());
        var trainLoss = File.ReadAllLines(metrics).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));
        Assert.That(experimentLoss, Is.EqualTo(trainLoss).Within(1e-9));
    }

    // The training options experiment shares with train reach every run: each changes the losses, and the run equals train's.
    [TestCase("weight-decay")]
    [TestCase("clip-norm")]
    [TestCase("precision")]
    [TestCase("prelu-mode")]
    [TestCase("validation-file")]
    public void ATrainingOption_ReachesTheRuns_AsItReachesTrain(string option)
    {
        string json = _dir.PathOf("runs.json"), metrics = _dir.PathOf("m.csv"), validation = _dir.PathOf("v.csv");
        File.Copy(CliHarness.IrisPath, validation);
        var s = Settings("prelu") with { Seed = 4, Seeds = 1, OutJson = json, BatchSize = 16 };
        (s, string[] flags) = option switch
        {
            "weight-decay" => (s with { WeightDecay = 0.5 }, new[] { "--weight-decay", "0.5" }),
            "clip-norm" => (s with { ClipNorm = 0.01 }, new[] { "--clip-norm", "0.01" }),
            "precision" => (s with { Precision = "double" }, new[] { "--precision", "double" }),
            "prelu-mode" => (s with { PreluMode = "unit" }, new[] { "--prelu-mode", "unit" }),
            _ => (s with { ValidationFile = validation }, new[] { "--validation-file", validation }),
        };
        Assert.That(Run(s).Code, Is.EqualTo(ExitCodes.Ok));
        var train = CliHarness.Run(["train", CliHarness.IrisPath, "--target", "species", "--epochs", "3", "--hidden", "6", "--lr", "0.01",
            "--activation", "prelu", "--batch-size", "16", "--seed", "4", "--metrics-csv", metrics, "--out", _dir.PathOf("m.json"), "-q", .. flags]);
        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());
        var plain = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "3", "--hidden", "6", "--lr", "0.01",
            "--activation", "prelu", "--batch-size", "16", "--seed", "4", "--metrics-csv", _dir.PathOf("plain.csv"), "--out", _dir.PathOf("p.json"), "-q");
        Assert.That(plain.ExitCode, Is.EqualTo(ExitCodes.Ok), plain.ToString());

        var experimentLoss = JsonNode.Parse(File.ReadAllText(json))!["runs"]![0]!["epochs"]!.AsArray().Skip(1).Select(e => e!["loss"]!.GetValue<double>()).ToList();
        var trainLoss = File.ReadAllLines(metrics).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        var plainLoss = File.ReadAllLines(_dir.PathOf("plain.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.That(experimentLoss, Is.EqualTo(trainLoss).Within(1e-9));
        Assert.That(trainLoss, Is.Not.EqualTo(plainLoss).Within(1e-9), $"{option} changed nothing, so the test shows nothing");
    }
}
