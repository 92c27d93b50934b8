using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// <c>experiment --recycle off,dead --recycle-every N</c>: recycling as a grid axis, checked by train's rule, run as
/// <c>train --recycle</c> runs it, and counted in the table, the per-run outputs and the grid's identity.
/// </summary>
public class ExperimentRecycleTests
{
    private CliHarness _dir = null!;

    [SetUp] public void SetUp() => _dir = new CliHarness();
    [TearDown] public void TearDown() => _dir.Dispose();

    // A bias of -3 on standardized iris kills most of 6 ReLU units at initialization, so recycling has work to do.
    private static string[] Grid(params string[] extra) =>
        ["experiment", CliHarness.IrisPath, "--target", "species", "-a", "relu", "--hidden", "6", "--lr", "0.01", "--bias-init", "-3",
         "--epochs", "4", "--batch-size", "16", "--threads", "1", .. extra];

    [Test]
    public void RecycleList_GivesOneSettingPerMode_CountedInTheTableAndTheRuns()
    {
        string md = _dir.PathOf("t.md"), json = _dir.PathOf("runs.json"), csv = _dir.PathOf("runs.csv");
        var run = CliHarness.Run(Grid("--recycle-every", "2", "--recycle", "none,dead", "--seeds", "2", "--markdown", md, "--out-json", json, "--out-csv", csv));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("4 runs (2 settings × 2 seeds)"));
        var table = File.ReadAllLines(md).TakeWhile(l => l.StartsWith('|')).ToArray();
        Assert.That(table, Has.Length.EqualTo(2 + 2), "header, alignment row and one row per setting");
        Assert.That(table[0], Does.Contain("| recycled |"));
        Assert.That(table[2], Does.StartWith("| relu hidden=6 lr=0.01 init=he-normal bias=-3 | 2 |"));
        Assert.That(table[3], Does.StartWith("| relu hidden=6 lr=0.01 init=he-normal bias=-3 recycle=dead | 2 |"));

        var doc = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.That(doc["settings"]!["Recycles"]!.GetValue<string>(), Is.EqualTo("[off, dead]"), "none is off's other spelling");
        Assert.That(doc["settings"]!["RecycleEvery"]!.GetValue<string>(), Is.EqualTo("2"));
        var runs = doc["runs"]!.AsArray();
        Assert.That(runs.Select(r => r!["recycle"]!.GetValue<string>()), Is.EqualTo(new[] { "off", "off", "dead", "dead" }));
        foreach (var r in runs.Take(2))
        {
            Assert.That(r!["recycled"]!.GetValue<int>(), Is.Zero);
            Assert.That(r["epochs"]!.AsArray().Select(e => e!["recycled"]), Is.All.Null);
        }
        foreach (var r in runs.Skip(2))
        {
            var perEpoch = r!["epochs"]!.AsArray().Select(e => e!["recycled"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray()).ToList();
            Assert.That(perEpoch.All(layers => layers.Length == 1), "one count per hidden layer");
            Assert.That(perEpoch.Where((_, epoch) => epoch % 2 != 0).SelectMany(l => l), Is.All.Zero, "recycling only after every 2nd epoch");
            Assert.That(r["recycled"]!.GetValue<int>(), Is.EqualTo(perEpoch.Sum(l => l.Sum())).And.GreaterThan(0));
        }
        double meanRecycled = runs.Skip(2).Average(r => r!["recycled"]!.GetValue<int>());
        Assert.That(table[3].Split('|', StringSplitOptions.TrimEntries)[13], Is.EqualTo(meanRecycled.ToString("F1", CultureInfo.InvariantCulture)));

        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[Array.IndexOf(header, "recycle")]), Is.EqualTo(new[] { "off", "off", "dead", "dead" }));
    }

    [Test]
    public void ARecyclingRun_IsWhatTrainTrainsWithTheSameRecycleOptions()
    {
        // One seed: run 0 does not recycle, run 1 is relu with seed 4 and --recycle dead on the split of --seed 4.
        string json = _dir.PathOf("runs.json"), metrics = _dir.PathOf("m.csv");
        var grid = CliHarness.Run(Grid("--recycle-every", "2", "--recycle", "off,dead", "--seeds", "1", "--seed", "4", "--out-json", json));
        Assert.That(grid.ExitCode, Is.EqualTo(ExitCodes.Ok), grid.ToString());
        var train = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--activation", "relu", "--hidden", "6", "--lr", "0.01",
            "--bias-init", "-3", "--epochs", "4", "--batch-size", "16", "--seed", "4", "--recycle", "dead", "--recycle-every", "2",
            "--metrics-csv", metrics, "--out", _dir.PathOf("m.json"), "--json");
        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());

        var runs = JsonNode.Parse(File.ReadAllText(json))!["runs"]!.AsArray();
        List<double> Losses(JsonNode run) => run["epochs"]!.AsArray().Skip(1).Select(e => e!["loss"]!.GetValue<double>()).ToList();
        var trainLoss = File.ReadAllLines(metrics).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.That(Losses(runs[1]!), Is.EqualTo(trainLoss).Within(1e-9));
        Assert.That(Losses(runs[0]!), Is.Not.EqualTo(trainLoss).Within(1e-9), "recycling changed nothing, so the test shows nothing");
        int trainRecycled = JsonDocument.Parse(train.Output).RootElement.GetProperty("deadNeurons").EnumerateArray().Sum(l => l.GetProperty("recycled").GetInt32());
        Assert.That(runs[1]!["recycled"]!.GetValue<int>(), Is.EqualTo(trainRecycled).And.GreaterThan(0));
    }

    [TestCase(new[] { "--recycle", "none,sometimes" }, "--recycle expects off, dead or dormant; received 'sometimes'")]
    [TestCase(new[] { "--recycle", "dead", "--recycle-every", "0" }, "--recycle-every expects an integer ≥ 1; received 0")]
    public void BadRecycleOptions_AreOneLineUsageErrors_AsInTrain(string[] options, string message)
    {
        var run = CliHarness.Run(Grid([.. options, "--out-csv", _dir.PathOf("runs.csv")]));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "error: " + message }));
        Assert.That(File.Exists(_dir.PathOf("runs.csv")), Is.False);
    }

    [Test]
    public void TheRecycleAxis_IsPartOfTheGridsIdentity_AndItsEventsSurviveTheResultsFile()
    {
        string results = _dir.PathOf("r.jsonl"), one = _dir.PathOf("one.md"), merged = _dir.PathOf("merged.md");
        Assert.That(CliHarness.Run(Grid("--recycle-every", "2", "--recycle", "off,dead", "--seeds", "2", "--markdown", one)).ExitCode, Is.EqualTo(ExitCodes.Ok));
        for (int k = 0; k < 2; k++)
            Assert.That(CliHarness.Run(Grid("--recycle-every", "2", "--recycle", "off,dead", "--seeds", "2", "--shard", $"{k}/2", "--results", _dir.PathOf($"s{k}.jsonl"))).ExitCode,
                Is.EqualTo(ExitCodes.Ok));
        var merge = CliHarness.Run("experiment", "merge", _dir.PathOf("s0.jsonl"), _dir.PathOf("s1.jsonl"), "--markdown", merged);
        Assert.That(merge.ExitCode, Is.EqualTo(ExitCodes.Ok), merge.ToString());
        static string[] Table(string path) => File.ReadAllLines(path).Where(l => l.StartsWith('|')).ToArray();
        Assert.That(Table(merged), Is.EqualTo(Table(one)), "the recycled counts read back from the shards are those of one process");
        var byWords = CliHarness.Run("experiment", "merge", _dir.PathOf("s0.jsonl"), _dir.PathOf("s1.jsonl"), "--baseline", "recycle=dead", "--markdown", merged);
        Assert.That(byWords.ExitCode, Is.EqualTo(ExitCodes.Ok), byWords.ToString());
        Assert.That(Table(merged)[3], Does.Contain("recycle=dead").And.Contain("| baseline |"));
        Assert.That(CliHarness.Run("experiment", "merge", _dir.PathOf("s0.jsonl"), _dir.PathOf("s1.jsonl"), "--baseline", "relu recycle=off").ExitCode,
            Is.EqualTo(ExitCodes.Ok), "a label without a recycle word is the recycle=off setting");
        Assert.That(CliHarness.Run("experiment", "merge", _dir.PathOf("s0.jsonl"), _dir.PathOf("s1.jsonl"), "--baseline", "relu").Error,
            Does.Contain("matches 2 settings"));

        Assert.That(CliHarness.Run(Grid("--recycle-every", "2", "--recycle", "off", "--seeds", "2", "--results", results)).ExitCode, Is.EqualTo(ExitCodes.Ok));
        var other = CliHarness.Run(Grid("--recycle-every", "2", "--recycle", "off,dead", "--seeds", "2", "--resume", results));
        Assert.That(other.ExitCode, Is.EqualTo(ExitCodes.Data), other.ToString());
        Assert.That(other.Error, Does.Contain("cannot resume: a different grid").And.Contain("Recycles is [off, dead] here, [off] there"));
        var every = CliHarness.Run(Grid("--recycle", "off", "--recycle-every", "3", "--seeds", "2", "--resume", results));
        Assert.That(every.Error, Does.Contain("RecycleEvery is 3 here, 2 there"));
    }
}
