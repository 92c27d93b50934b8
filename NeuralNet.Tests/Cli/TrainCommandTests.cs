using System.Text.Json;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

public class TrainCommandTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static readonly string[] IrisClasses = ["setosa", "versicolor", "virginica"];

    [Test]
    public void Iris_LearnsWellAboveTheMajorityClass()
    {
        // The bound comes from the data: always guessing the most common class scores its share (1/3 for iris);
        // require the model to close at least three quarters of the gap between that and perfect accuracy.
        var species = File.ReadLines(CliHarness.IrisPath).Skip(1).Select(l => l.Split(',')[^1]).ToList();
        double majorityShare = species.GroupBy(s => s).Max(g => g.Count()) / (double)species.Count;
        double bound = majorityShare + 0.75 * (1 - majorityShare);
        string model = _dir.PathOf("iris.json");

        var train = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "60",
            "--lr", "0.01", "--hidden", "16,16", "--out", model);
        var evaluate = CliHarness.Run("evaluate", model, CliHarness.IrisPath, "--json");

        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());
        Assert.That(evaluate.ExitCode, Is.EqualTo(ExitCodes.Ok), evaluate.ToString());
        double accuracy = JsonDocument.Parse(evaluate.Output).RootElement.GetProperty("accuracy").GetDouble();
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(bound));
    }

    [Test]
    public void Train_PrintsEpochLines_TheStopReason_AndTheDeadNeuronReport()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "3", "--epochs", "5", "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Error, Is.Empty);
        var epochLines = run.Output.Split('\n').Where(l => l.StartsWith("epoch ")).ToList();
        Assert.That(epochLines, Has.Count.EqualTo(5));
        Assert.That(epochLines[^1], Does.Match(@"^epoch 5/5  loss +\d\.\d{4}  val_loss +\d\.\d{4}  val_acc +\d\.\d{4} +\d+ ms  dead +\d+/96$"));
        Assert.That(run.Output, Does.Contain("stopped: completed all 5 epochs"));
        Assert.That(run.Output, Does.Contain("born dead"));
        Assert.That(run.Output, Does.Contain("saved model to"));
        Assert.That(run.Output, Does.Not.Contain("\u001b["), "no ANSI escape codes in redirected output");
    }

    [Test]
    public void WithoutSeed_OneIsPickedPrintedAndStored()
    {
        string model = _dir.PathOf("m.json");

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "1", "--out", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var match = System.Text.RegularExpressions.Regex.Match(run.Output, @"pass --seed (\d+) to repeat");
        Assert.That(match.Success, Is.True, run.Output);
        long stored = JsonDocument.Parse(File.ReadAllText(model)).RootElement.GetProperty("seed").GetInt64();
        Assert.That(stored, Is.EqualTo(long.Parse(match.Groups[1].Value)));
    }

    [Test]
    public void SameSeed_GivesIdenticalWeights()
    {
        string a = _dir.PathOf("a.json"), b = _dir.PathOf("b.json");

        CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "9", "--epochs", "3", "--out", a);
        CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "9", "--epochs", "3", "--out", b);

        static string Layers(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("layers").GetRawText();
        Assert.That(Layers(b), Is.EqualTo(Layers(a)));
    }

    [Test]
    public void ZeroEpochs_EvaluatesTheInitialNetwork()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "0", "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("--epochs 0: the initial network was evaluated, not trained"));
        Assert.That(run.Output, Does.Match(@"final:   loss \d\.\d{4}  acc \d\.\d{4}"));
    }

    [Test]
    public void Json_PrintsOnlyAParsableReport()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "3", "--json", "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.That(root.GetProperty("seed").GetInt64(), Is.EqualTo(1));
        Assert.That(root.GetProperty("stopReason").GetString(), Is.EqualTo("completed"));
        Assert.That(root.GetProperty("history").GetArrayLength(), Is.EqualTo(4)); // epoch 0 (initialization) + 3
        Assert.That(root.GetProperty("deadNeurons").GetArrayLength(), Is.EqualTo(2));
        Assert.That(root.GetProperty("data").GetProperty("classes").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(IrisClasses));
        Assert.That(root.GetProperty("verdict").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public void MetricsCsv_HasOneRowPerEpoch()
    {
        string metrics = _dir.PathOf("metrics.csv");

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "7",
            "--metrics-csv", metrics, "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var lines = File.ReadAllLines(metrics);
        Assert.That(lines[0], Is.EqualTo("epoch,loss,acc,val_loss,val_acc,dead_total,dead_layer0,dead_layer1,elapsed_ms"));
        Assert.That(lines.Skip(1).Select(l => int.Parse(l.Split(',')[0])), Is.EqualTo(Enumerable.Range(1, 7)));
    }

    [Test]
    public void FailedRun_LeavesAnExistingModelFileUntouched()
    {
        string model = _dir.Write("model.json", "precious");
        string metrics = _dir.Write("metrics.csv", "also precious");
        string bad = _dir.Write("bad.csv", "x,y\n1,a\n2,b\nthree,a\n4,b\n5,a\n");

        var run = CliHarness.Run("train", bad, "--target", "y", "--out", model, "--metrics-csv", metrics);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(File.ReadAllText(model), Is.EqualTo("precious"));
        Assert.That(File.ReadAllText(metrics), Is.EqualTo("also precious"));
        Assert.That(Directory.GetFiles(_dir.Folder), Has.Length.EqualTo(3), "no temporary files left behind");
    }

    [Test]
    public void Divergence_StopsWithExitCode3_AHint_AndNoModel()
    {
        string model = _dir.Write("model.json", "precious");

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "5",
            "--optimizer", "sgd", "--lr", "1e30", "--out", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Diverged), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.Match(@"^error: training diverged in epoch \d+, batch \d+: the loss became (NaN|infinite)"));
        Assert.That(run.ErrorLines[0], Does.Contain("Try a lower --lr"));
        Assert.That(File.ReadAllText(model), Is.EqualTo("precious"));
    }

    [Test]
    public void Cancellation_KeepsTheLastFinishedEpoch_AndExits130()
    {
        string model = _dir.PathOf("m.json");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel(); // as if Ctrl-C came during the first batch

        var run = CliHarness.RunWith(cancelled.Token, "train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "5", "--out", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Cancelled), run.ToString());
        Assert.That(run.Output, Does.Contain("interrupted"));
        Assert.That(File.Exists(model), Is.True);
    }

    [Test]
    public void WholeDeadLayer_IsCalledOut()
    {
        // A bias of -100 puts every pre-activation far below 0 for standardized inputs: all units are born dead.
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "2",
            "--hidden", "8", "--bias-init", "-100", "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("layer 0: all 8 ReLU units are dead"));
        Assert.That(run.Output, Does.Contain("the network's output is constant"));
    }

    [TestCase("--activation", "tanhh")]
    [TestCase("--optimizer", "rmsprop")]
    [TestCase("--epochs", "many")]
    public void UnknownOptionValue_IsAOneLineUsageError(string option, string value)
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", option, value, "--out", _dir.PathOf("m.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("error: ").And.Contain(value).And.EndWith("(see 'neuralnet train --help')"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void MissingTargetOption_IsAUsageError()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.ErrorLines[0], Does.Contain("--target"));
    }

    [TestCase("train")]
    [TestCase("evaluate")]
    [TestCase("predict")]
    [TestCase("inspect")]
    public void EveryCommand_HasHelp(string command)
    {
        var run = CliHarness.Run(command, "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(run.Output, Does.Contain("Usage:").And.Contain(command));
    }

    [Test]
    public void PRelu_PerUnit_TrainsAndIsInspectable()
    {
        string model = _dir.PathOf("m.json");

        var train = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--epochs", "2",
            "--activation", "prelu", "--prelu-mode", "unit", "--alpha", "0.2", "--out", model);
        var inspect = CliHarness.Run("inspect", model);

        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());
        Assert.That(inspect.ExitCode, Is.EqualTo(ExitCodes.Ok), inspect.ToString());
        Assert.That(inspect.Output, Does.Contain("(learned, per unit)"));
    }

    [Test]
    public void OutputInAMissingFolder_IsRefusedBeforeTraining()
    {
        string model = Path.Combine(_dir.Folder, "no-such-folder", "m.json");

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "1", "--out", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.Output, Is.Empty, "nothing trained");
        Assert.That(run.ErrorLines[0], Does.Contain("does not exist"));
    }
}
