using System.Globalization;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>Options beyond the defaults: two classes, a validation file, early stopping, option combinations that are refused.</summary>
public class TrainOptionsTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <summary>Two well-separated clusters labelled "no" and "yes".</summary>
    private string TwoClassFile(string name, int rows, int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, rows).Select(i =>
        {
            bool yes = i % 2 == 0;
            double a = (yes ? 2 : -2) + random.NextDouble(), b = (yes ? -1 : 1) + random.NextDouble();
            return string.Create(CultureInfo.InvariantCulture, $"{a:0.###},{b:0.###},{(yes ? "yes" : "no")}");
        });
        return _dir.Write(name, "a,b,label\n" + string.Join("\n", lines) + "\n");
    }

    [Test]
    public void TwoClasses_UseOneSigmoidLogit_AndPredictBothProbabilities()
    {
        string data = TwoClassFile("two.csv", 60, 1);
        string model = _dir.PathOf("two.json");

        var train = CliHarness.Run("train", data, "--target", "label", "--seed", "1", "--epochs", "30", "--lr", "0.01", "--hidden", "4", "--out", model);
        var predict = CliHarness.Run("predict", model, data);

        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());
        Assert.That(train.Output, Does.Contain("2 → 4 → 1").And.Contain("binary-cross-entropy"));
        var rows = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows[0], Is.EqualTo("a,b,label,prediction,p_no,p_yes"));
        var first = rows[1].Split(',');
        double sum = double.Parse(first[4], CultureInfo.InvariantCulture) + double.Parse(first[5], CultureInfo.InvariantCulture);
        Assert.That(sum, Is.EqualTo(1).Within(1e-6));
    }

    [Test]
    public void ValidationFile_ReplacesTheSplit()
    {
        string train = TwoClassFile("train.csv", 40, 1), validation = TwoClassFile("val.csv", 10, 2);

        var run = CliHarness.Run("train", train, "--target", "label", "--seed", "1", "--epochs", "2", "--validation-file", validation, "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("40 training rows, 10 validation rows from"));
    }

    [Test]
    public void Patience_StopsEarly_AndRestoresTheBestWeights()
    {
        // A learning rate this high makes the validation loss bounce, so it stops improving quickly.
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "300", "--lr", "0.5",
            "--patience", "2", "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Match(@"stopped: early stopping after epoch \d+ in \d+(\.\d)? m?s: val_loss did not improve for 2 epochs; restored the best weights, from epoch \d+"));
    }

    [TestCase(new[] { "--loss", "mse" }, "--loss mse needs a regression target")]
    [TestCase(new[] { "--output", "identity" }, "--output identity does not go with --loss softmax-cross-entropy")]
    [TestCase(new[] { "--alpha", "0.1" }, "--alpha applies to --activation leaky-relu or prelu, not relu")]
    [TestCase(new[] { "--validation-split", "1.5" }, "--validation-split expects a share in [0, 1)")]
    [TestCase(new[] { "--hidden", "64,x" }, "--hidden expects positive layer sizes")]
    public void BadCombination_IsAUsageError(string[] options, string expected)
    {
        var run = CliHarness.Run(["train", CliHarness.IrisPath, "--target", "species", "--out", _dir.PathOf("m.json"), .. options]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("error: " + expected));
    }

    [Test]
    public void UnseenCategory_AtPredictTime_IsAWarningNotAnError()
    {
        string train = _dir.Write("colors.csv", "x,color,y\n1,red,a\n2,blue,b\n3,red,a\n4,blue,b\n");
        string fresh = _dir.Write("fresh.csv", "x,color\n1,purple\n2,red\n");
        string model = _dir.PathOf("m.json");
        CliHarness.Run("train", train, "--target", "y", "--seed", "1", "--epochs", "1", "--validation-split", "0", "--out", model);

        var run = CliHarness.Run("predict", model, fresh);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo(
            $"warning: column 'color' has 1 value(s) the model never saw in training (first 'purple' at {fresh}:2); they encode as no category"));
        Assert.That(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
    }

    [Test]
    public void MarkupLikeText_IsPrintedAsIs()
    {
        // Spectre.Console would read "[red]" as a colour tag and "[x" as broken markup; user text must never be parsed.
        string data = _dir.Write("markup.csv", "[x,y\n1,[red]\n2,[/]\n3,[red]\n4,[/]\n");
        string model = _dir.PathOf("m.json");
        CliHarness.Run("train", data, "--target", "y", "--seed", "1", "--epochs", "1", "--validation-split", "0", "--out", model);

        var run = CliHarness.Run("evaluate", model, data);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("[red]").And.Contain("[/]"));
    }
}
