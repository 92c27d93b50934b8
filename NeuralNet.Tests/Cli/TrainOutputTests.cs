using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Cli;

/// <summary>Issue 13, "Training output": the best epoch and --patience in the summary, and progress on stderr.</summary>
public class TrainOutputTests
{
    private static List<EpochMetrics> History(Func<int, double> valLoss, int epochs)
        => Enumerable.Range(1, epochs).Select(e => new EpochMetrics(e, 1.0 / e, 0.5, valLoss(e), 0.5, null, TimeSpan.Zero)).ToList();

    [Test]
    public void ValLossThatBottomedEarly_NamesTheBestEpoch_AndWhatPatienceWouldHaveDone()
    {
        // Falls to epoch 7, then rises: the digits case of the issue, 60 epochs.
        var history = History(e => e <= 7 ? 1.0 - 0.1 * e : 0.3 + 0.01 * (e - 7), 60);

        string? text = BestEpochNote.Text(history);

        // Suggested patience: a tenth of 60 epochs = 6; the trainer stops after 6 + 1 epochs without improvement: 7 + 7 = 14.
        Assert.That(text, Does.StartWith("val_loss was lowest at epoch 7 (0.3000; 0.8300 at epoch 60)"));
        Assert.That(text, Does.EndWith("--patience 6 would have stopped at epoch 14 and kept the weights of epoch 7"));
    }

    [Test]
    public void ValLossStillFallingAtTheEnd_SuggestsNoPatience()
    {
        var history = History(e => 1.0 / e, 60);

        Assert.That(BestEpochNote.Text(history), Is.EqualTo("val_loss was lowest at the last epoch (0.0167)"));
    }

    [Test]
    public void WithoutValidation_TheTrainingLossIsMonitored()
    {
        var history = Enumerable.Range(1, 5).Select(e => new EpochMetrics(e, 1.0 / e, 0.5, null, null, null, TimeSpan.Zero)).ToList();

        Assert.That(BestEpochNote.Text(history), Is.EqualTo("loss was lowest at the last epoch (0.2000)"));
    }

    [Test]
    public void TrainSummary_GivesTheTotalTime()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "4", "-e", "2", "-s", "1", "-o", h.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString);
        Assert.That(run.Output, Does.Match(@"stopped: completed all 2 epochs in \d+(\.\d)? m?s; val_loss was lowest at (the last )?epoch"));
    }

    [Test]
    public void Progress_IsDrawnOnTheProgressWriter_NotOnRedirectedStdout()
    {
        var output = new StringWriter();
        var stderr = new StringWriter();
        var reporter = new Reporter(output, new StringWriter(), Verbosity.Normal, interactive: false, progress: stderr);

        int result = reporter.WithProgress("training 3 epochs", 3, sink =>
        {
            for (int i = 1; i <= 3; i++) { sink.Report(i); reporter.Line($"epoch {i}"); }
            return 42;
        });

        Assert.That(result, Is.EqualTo(42));
        Assert.That(output.ToString(), Is.EqualTo("epoch 1\nepoch 2\nepoch 3\n".ReplaceLineEndings()), "stdout keeps plain lines only");
        Assert.That(stderr.ToString(), Does.Contain("training 3 epochs"));
    }
}

/// <summary>Issue 13: table headers are not broken mid-word on a 100-column terminal.</summary>
public class ReportTableWidthTests
{
    [TestCase(100)]
    [TestCase(120)]
    public void DeadNeuronTable_At100Columns_KeepsEveryHeaderWordWhole(int width)
    {
        string[] headers = ["layer", "activation", "units", "dead", "inactive", "near-dead", "dormant (τ=0.025)", "born dead", "revived", "first death", "zero fraction"];
        var table = new ReportTable(headers, [["1", "leaky-relu", "64", "3", "0", "1", "0", "1", "2", "epoch 7", "50%"]], headers.Select(_ => true).ToList());

        var lines = Reporter.Render(table, width, rounded: true).ToList();

        Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(width));
        // Each word of a header stands whole between the column borders on some line.
        var cells = lines.SelectMany(l => l.Split('│')).Select(c => c.Trim()).ToList();
        foreach (var word in headers.SelectMany(h => h.Split(' ')).Append("leaky-relu"))
            Assert.That(cells.Any(c => c.Split(' ').Contains(word)), Is.True, $"'{word}' broken:\n{string.Join("\n", lines)}");
    }

    [Test]
    public void ExperimentTable_TooWideForTheTerminal_KeepsEveryWordWhole()
    {
        // The experiment summary's headers and a long setting label: their longest words alone need more than 100 columns.
        string[] headers = ["setting", "runs", "val_accuracy (mean ± 95% CI)", "sd", "Δ vs baseline (paired)", "p t-test (Holm)", "p Wilcoxon (Holm)",
            "dead", "dead %", "inactive", "born dead", "born-dead nets", "best epoch"];
        string[] row = ["relu hidden=64,32 lr=0.001 init=he-normal bias=0", "2", "0.5167 ± 1.9059", "0.2121", "baseline", "-", "-", "0.5", "0.5%", "0.0", "0.0", "0%", "2.0"];
        var table = new ReportTable(headers, [row], headers.Select(_ => true).ToList());
        var words = headers.Concat(row).SelectMany(h => h.Split(' ')).ToList();
        // The longest word of each column, one border and one padding character per column, and the last border.
        int needed = headers.Select((h, c) => h.Split(' ').Concat(row[c].Split(' ')).Max(w => w.Length)).Sum() + 2 * headers.Length + 1;
        Assert.That(needed, Is.GreaterThan(100), "the case is meant not to fit");

        var lines = Reporter.Render(table, 100, rounded: true).ToList();

        var cells = lines.SelectMany(l => l.Split('│')).Select(c => c.Trim()).ToList();
        foreach (var word in words)
            Assert.That(cells.Any(c => c.Split(' ').Contains(word)), Is.True, $"'{word}' broken:\n{string.Join("\n", lines)}");
    }
}
