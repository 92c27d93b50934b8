using System.Text.Json;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary><c>train --recycle</c>: validated, shown in the epoch line and the report, and the death causes reach the JSON.</summary>
public class RecycleCommandTests
{
    private CliHarness _dir = null!;

    [SetUp] public void SetUp() => _dir = new CliHarness();
    [TearDown] public void TearDown() => _dir.Dispose();

    [TestCase(new[] { "--recycle", "sometimes" }, "--recycle expects off, dead or dormant; received 'sometimes'")]
    [TestCase(new[] { "--recycle", "dead", "--recycle-every", "0" }, "--recycle-every expects an integer ≥ 1; received 0")]
    public void BadRecycleOptions_AreUsageErrors(string[] options, string message)
    {
        var run = CliHarness.Run(["train", CliHarness.IrisPath, "--target", "species", "--epochs", "1", "--out", _dir.PathOf("m.json"), .. options]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain(message));
        Assert.That(File.Exists(_dir.PathOf("m.json")), Is.False);
    }

    [Test]
    public void EveryLineOfTheReport_NamesALayerByTheSameNumber()
    {
        // Wine, Adam lr 0.1, seed 1: units of hidden layer 1 (of 0 and 1) die by large steps, are recycled, and some
        // are dead again at the end. The dead line, the why line, the recycling line and the cause table (-v) must all
        // call that layer 1, as the table does: hidden layers are numbered from 0 in every report.
        string wine = Path.Combine(Path.GetDirectoryName(CliHarness.IrisPath)!, "wine.csv");
        var run = CliHarness.Run("train", wine, "--target", "cultivar", "--seed", "1", "--epochs", "10", "--hidden", "64,32", "--lr", "0.1",
            "--recycle", "dead", "--recycle-every", "4", "-v", "--out", _dir.PathOf("m.json"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var lines = run.Output.Split('\n');
        var kinds = new[] { "of 32 ReLU units", "why they died", "recycling(s)" };
        var named = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^layer (\d+): (.*)$")).Where(m => m.Success).ToList();
        foreach (var kind in kinds)
            Assert.That(named.Where(m => m.Groups[2].Value.Contains(kind, StringComparison.Ordinal)).Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "1" }),
                $"one '{kind}' line, for layer 1:\n{run.Output}");
        var causeRows = lines.SkipWhile(l => !l.TrimStart().StartsWith("layer   unit", StringComparison.Ordinal)).Skip(1)
            .SkipWhile(l => l.TrimStart().StartsWith('─')).TakeWhile(l => l.Contains("epoch", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToList();
        Assert.That(causeRows, Is.Not.Empty.And.All.EqualTo("1"), "the cause table numbers the layers as the lines do");
    }

    [Test]
    public void RecycleDead_BringsBackANetworkKilledByANegativeBias_AndSaysSo()
    {
        string[] common = ["train", CliHarness.IrisPath, "--target", "species", "--seed", "3", "--epochs", "4", "--hidden", "16", "--bias-init", "-8"];
        var off = CliHarness.Run([.. common, "--out", _dir.PathOf("off.json"), "--json"]);
        var on = CliHarness.Run([.. common, "--recycle", "dead", "--recycle-every", "2", "--out", _dir.PathOf("on.json")]);
        var onJson = CliHarness.Run([.. common, "--recycle", "dead", "--recycle-every", "2", "--out", _dir.PathOf("on2.json"), "--json"]);

        Assert.That(on.ExitCode, Is.EqualTo(ExitCodes.Ok), on.ToString());
        Assert.That(on.Output, Does.Match(@"epoch 2/4 .* dead 16/16 .*recycled 16"));
        Assert.That(on.Output, Does.Contain("layer 0: 16 recycling(s) of 16 unit(s) (ReDo)."), "hidden layers are numbered from 0, as in the table");
        var offLayer = JsonDocument.Parse(off.Output).RootElement.GetProperty("deadNeurons")[0];
        var onLayer = JsonDocument.Parse(onJson.Output).RootElement.GetProperty("deadNeurons")[0];
        Assert.That(offLayer.GetProperty("dead").GetInt32(), Is.EqualTo(16));
        Assert.That(offLayer.GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("verdict").GetString()).Distinct(), Is.EqualTo(new[] { "born dead" }));
        Assert.That(onLayer.GetProperty("dead").GetInt32(), Is.LessThan(16));
        Assert.That(onLayer.GetProperty("recycled").GetInt32(), Is.GreaterThanOrEqualTo(16));
    }
}
