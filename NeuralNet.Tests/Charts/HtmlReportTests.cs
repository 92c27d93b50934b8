using System.Diagnostics;
using System.Text.RegularExpressions;
using NeuralNet.Cli;
using NeuralNet.Cli.Charts.Html;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Training;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Charts;

public class HtmlReportTests
{
    private static readonly KeyValuePair<string, string>[] Identity = [new("data file", "x.csv"), new("seed", "7")];

    /// <summary>One layer of two units over epochs 0–2; unit 1 is active on half the rows at first and dead from epoch 1.</summary>
    private static TrainingReportInput TwoUnitRun()
    {
        static LayerDeadStats Layer(double share0, double share1)
        {
            var dead = share1 == 0 ? new[] { 1 } : [];
            return new LayerDeadStats(0, "relu", 2, dead.Length, 0, 0, dead, [], 0) { ActiveShares = [share0, share1] };
        }
        var history = new[]
        {
            new EpochMetrics(0, double.NaN, double.NaN, null, null, [Layer(1, 0.5)], TimeSpan.Zero),
            new EpochMetrics(1, 0.8, 0.5, 0.9, 0.5, [Layer(0.75, 0)], TimeSpan.Zero),
            new EpochMetrics(2, 0.4, 0.75, 0.6, 0.75, [Layer(0.25, 0)], TimeSpan.Zero),
        };
        return new TrainingReportInput(Identity, history, 2, "accuracy", null);
    }

    [Test]
    public void TrainingReport_IsSelfContained_AndCarriesTheUnitActivity()
    {
        string html = TrainingReport.Render(TwoUnitRun());

        Assert.That(Regex.IsMatch(html, "<script[^>]*src=", RegexOptions.IgnoreCase), Is.False, "no script is loaded from anywhere");
        Assert.That(html, Does.Contain("plotly.js v"), "plotly.js is embedded");
        // loss, metric, shares, one heatmap (one layer), death timeline
        Assert.That(Regex.Matches(html, "<section class=\"chart\">").Count, Is.EqualTo(5));
        // heatmap rows = units, columns = epochs 0, 1, 2
        Assert.That(html, Does.Contain("\"z\":[[1.0,0.75,0.25],[0.5,0.0,0.0]]"));
        // the dead marks: unit 1 at epochs 1 and 2
        Assert.That(html, Does.Contain("\"name\":\"dead\",\"mode\":\"markers\",\"x\":[1.0,2.0],\"y\":[1.0,1.0]"));
        // the timeline: unit 1 died in epoch 1
        Assert.That(html, Does.Contain("\"name\":\"died\",\"mode\":\"markers\",\"x\":[1.0],\"y\":[1.0]"));
        // dead share of layer 0 (the first hidden layer): 0, 50, 50 %
        Assert.That(html, Does.Contain("\"name\":\"layer 0 dead\",\"mode\":\"lines+markers\",\"x\":[0.0,1.0,2.0],\"y\":[0.0,50.0,50.0]"));
        Assert.That(html, Does.Contain("<th>seed</th><td>7</td>"));
        Assert.That(html, Does.Contain("nnToggleLog"), "the loss chart has a log-scale switch");
    }

    [Test]
    public void Train_WithReport_WritesIt_AndABadReportPathFailsBeforeTraining()
    {
        using var h = new CliHarness();
        string model = h.PathOf("m.json"), report = h.PathOf("run.html");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "3", "--hidden", "6,5", "--seed", "3",
            "--out", model, "--report", report);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        string html = File.ReadAllText(report);
        Assert.That(Regex.Matches(html, "<section class=\"chart\">").Count, Is.EqualTo(2 + 1 + 2 + 1), "curves, shares, 2 heatmaps, timeline");
        Assert.That(html, Does.Contain("<th>data SHA-256</th><td>" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(CliHarness.IrisPath))) + "</td>"));
        Assert.That(html, Does.Contain("<th>MaxFileBytes</th><td>no limit</td>"), "the default is told as no limit, not as long.MaxValue");

        string badModel = h.PathOf("never.json");
        var bad = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "3", "--out", badModel,
            "--report", h.PathOf("missing-folder/run.html"));
        Assert.That(bad.ExitCode, Is.EqualTo(ExitCodes.Data), bad.ToString());
        Assert.That(File.Exists(badModel), Is.False, "nothing is trained or written when the report path is bad");
    }

    [Test]
    public void Train_WithNoEpoch_AndAReport_StillNamesTheDataByItsHash()
    {
        using var h = new CliHarness();
        string report = h.PathOf("zero.html");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "0", "--hidden", "6", "--seed", "3",
            "--out", h.PathOf("zero.json"), "--report", report);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(File.ReadAllText(report), Does.Contain("<th>data SHA-256</th><td>" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(CliHarness.IrisPath))) + "</td>"));
    }

    [Test]
    public void Experiment_WithReport_HasOneCurveAndOneBarPerSetting()
    {
        using var h = new CliHarness();
        string report = h.PathOf("grid.html");
        var run = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "--activations", "relu,leaky-relu",
            "--seeds", "2", "--epochs", "3", "--hidden", "6", "--threads", "1", "--report", report);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        string html = File.ReadAllText(report);
        Assert.That(Regex.IsMatch(html, "<script[^>]*src=", RegexOptions.IgnoreCase), Is.False);
        Assert.That(Regex.Matches(html, "<section class=\"chart\">").Count, Is.EqualTo(4));
        Assert.That(Regex.Matches(html, "\"name\":\"relu hidden=6 [^\"]*\\(2 runs\\)\"").Count, Is.EqualTo(1));
        Assert.That(Regex.Matches(html, "\"name\":\"leaky-relu hidden=6 [^\"]*\\(2 runs\\)\"").Count, Is.EqualTo(1));
    }

    [Test]
    public void Report_LoadsInHeadlessChromium_WithoutScriptErrors()
    {
        const string chromium = "/usr/bin/chromium";
        Assume.That(File.Exists(chromium), "needs the Debian package chromium");
        using var h = new CliHarness();
        string report = h.PathOf("run.html");
        File.WriteAllText(report, TrainingReport.Render(TwoUnitRun()));
        string script = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.IrisPath))!, "scripts", "check_report.sh");

        var start = new ProcessStartInfo("bash", [script, report, "5"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(4)), Is.True, "the browser check finishes");
        Assert.That(process.ExitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("ok: 5 charts rendered, 0 script errors"));
    }
}
