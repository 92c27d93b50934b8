using System.Text.Json;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>evaluate, predict and inspect, run in-process on a model trained in the same fixture.</summary>
public class ModelCommandsTests
{
    private CliHarness _dir = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _dir = new CliHarness();
        _model = _dir.PathOf("iris.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "2", "--epochs", "20", "--lr", "0.01", "--hidden", "12", "--out", _model);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Evaluate_PrintsMetricsPerClassConfusionAndDeadNeurons()
    {
        var run = CliHarness.Run("evaluate", _model, CliHarness.IrisPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Match(@"metrics  loss \d\.\d{4}  accuracy \d\.\d{4}"));
        Assert.That(run.Output, Does.Contain("precision").And.Contain("recall").And.Contain("f1").And.Contain("support"));
        Assert.That(run.Output, Does.Contain("confusion matrix"));
        Assert.That(run.Output, Does.Contain("dead neurons (measured on the 150 rows"));
    }

    [Test]
    public void EvaluateJson_ConfusionMatrixCountsEveryRow()
    {
        var run = CliHarness.Run("evaluate", _model, CliHarness.IrisPath, "--json");

        var root = JsonDocument.Parse(run.Output).RootElement;
        int total = root.GetProperty("confusionMatrix").EnumerateArray().SelectMany(r => r.EnumerateArray()).Sum(v => v.GetInt32());
        Assert.That(total, Is.EqualTo(150));
        Assert.That(root.GetProperty("perClass").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public void Predict_WithoutTargetColumn_AddsPredictionAndProbabilities()
    {
        var lines = File.ReadAllLines(CliHarness.IrisPath).Take(6).Select(l => string.Join(",", l.Split(',').Take(4)));
        string data = _dir.Write("unlabelled.csv", string.Join("\n", lines) + "\n");
        string output = _dir.PathOf("preds.csv");

        var run = CliHarness.Run("predict", _model, data, "--out", output);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var rows = File.ReadAllLines(output);
        Assert.That(rows[0], Is.EqualTo("sepal_length,sepal_width,petal_length,petal_width,prediction,p_setosa,p_versicolor,p_virginica"));
        Assert.That(rows, Has.Length.EqualTo(6));
        foreach (var row in rows.Skip(1))
        {
            var fields = row.Split(',');
            double sum = fields.Skip(5).Sum(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(sum, Is.EqualTo(1).Within(1e-5));
            Assert.That(fields[4], Is.AnyOf("setosa", "versicolor", "virginica"));
        }
    }

    [Test]
    public void Predict_ToStdout_WritesCsv()
    {
        var run = CliHarness.Run("predict", _model, CliHarness.IrisPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(151));
    }

    [Test]
    public void Predict_MissingFeatureColumn_IsADataError()
    {
        string data = _dir.Write("partial.csv", "sepal_length,sepal_width\n1,2\n");

        var run = CliHarness.Run("predict", _model, data);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data));
        Assert.That(run.ErrorLines[0], Does.Contain("missing feature column(s) 'petal_length', 'petal_width'"));
    }

    [Test]
    public void Inspect_DescribesTheModel_AndWithDataListsUnitActivity()
    {
        var plain = CliHarness.Run("inspect", _model);
        var withData = CliHarness.Run("inspect", _model, CliHarness.IrisPath);

        Assert.That(plain.ExitCode, Is.EqualTo(ExitCodes.Ok), plain.ToString());
        Assert.That(plain.Output, Does.Contain("seed       2"));
        Assert.That(plain.Output, Does.Contain("4 → 12 → 3"));
        Assert.That(plain.Output, Does.Contain("adam lr 0.01"));
        Assert.That(withData.Output, Does.Contain("layer 0 (12 relu units)"));
        Assert.That(withData.Output, Does.Match(@"u0:\s*\d+%"));
    }

    [Test]
    public void Regression_TrainsAndEvaluatesWithMseMaeR2()
    {
        // y = 3a - 2b + 1 over a grid: numbers with many values, so the task is inferred as regression.
        var rows = from a in Enumerable.Range(0, 10) from b in Enumerable.Range(0, 6) select $"{a},{b},{3 * a - 2 * b + 1}";
        string data = _dir.Write("linear.csv", "a,b,y\n" + string.Join("\n", rows) + "\n");
        string model = _dir.PathOf("linear.json");

        var train = CliHarness.Run("train", data, "--target", "y", "--seed", "1", "--epochs", "40", "--lr", "0.01", "--hidden", "8", "--out", model);
        var evaluate = CliHarness.Run("evaluate", model, data, "--json");

        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Ok), train.ToString());
        Assert.That(train.Output, Does.Contain("regression"));
        var root = JsonDocument.Parse(evaluate.Output).RootElement;
        Assert.That(root.GetProperty("task").GetString(), Is.EqualTo("regression"));
        Assert.That(root.GetProperty("r2").GetDouble(), Is.GreaterThan(0.9));
        Assert.That(root.GetProperty("mae").GetDouble(), Is.GreaterThanOrEqualTo(0));
    }
}
