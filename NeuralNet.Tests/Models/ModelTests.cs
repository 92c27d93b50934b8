using System.Globalization;
using NeuralNet.Core.Data;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>The library's <see cref="Model"/>: training through the one pipeline, saving, loading and the three ways to predict.</summary>
public sealed class ModelTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static TrainingSpec Iris => new() { Target = "species", Hidden = [8], Epochs = 3, Seed = 7 };

    [Test]
    public void Train_GivesTheWeightsOfTheCommandLine_ForTheSameSeed()
    {
        string cliModel = _dir.PathOf("cli.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--hidden", "8", "--epochs", "3", "--seed", "7", "--out", cliModel, "--quiet");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var library = Model.Train(CliHarness.IrisPath, Iris);

        var fromCli = Model.Load(cliModel).Network.ParameterValues();
        Assert.That(library.Network.ParameterValues(), Is.EqualTo(fromCli));
    }

    [Test]
    public void SaveAndLoad_PredictTheSame()
    {
        var model = Model.Train(CliHarness.IrisPath, Iris);
        string path = _dir.PathOf("m.json");
        model.Save(path);

        var loaded = Model.Load(path);

        Assert.That(loaded.Predict(CliHarness.IrisPath), Is.EqualTo(model.Predict(CliHarness.IrisPath)).Using<Prediction>(SamePrediction));
    }

    [Test]
    public void FloatRows_PredictAsTheCsvRows()
    {
        var model = Model.Train(CliHarness.IrisPath, Iris);
        var table = CsvTableReader.Read(CliHarness.IrisPath);
        float[][] rows = Enumerable.Range(0, table.RowCount).Select(r => table.Data.Take(4).Select(c => (float)((NumericColumn)c)[r]).ToArray()).ToArray();

        var fromRows = model.Predict(rows);
        var fromTable = model.Predict(table);

        Assert.That(fromRows.Select(p => p.Label), Is.EqualTo(fromTable.Select(p => p.Label)));
        // The reader keeps float32 columns, so float[] rows and the CSV carry the same values.
        for (int i = 0; i < rows.Length; i++)
            Assert.That(fromRows[i].Probabilities, Is.EqualTo(fromTable[i].Probabilities).Within(1e-5));
        Assert.That(fromRows[0].Probabilities.Sum(), Is.EqualTo(1).Within(1e-6));
    }

    [Test]
    public void Regression_PredictsInTargetUnits()
    {
        string data = CliHarness.IrisPath.Replace("iris.csv", "diabetes.csv");
        var model = Model.Train(data, new TrainingSpec { Target = "progression", Hidden = [4], Epochs = 2, Seed = 3 });
        var table = CsvTableReader.Read(data);

        var p = model.Predict(table);
        var raw = model.Network.Predict(new Core.Preprocessing.DataEncoder(model.Features, model.Target,
            ValueParser.ForCulture(null), MissingPolicy.Error).Encode(table, targetRequired: false).Features, model.Target.Loss);

        Assert.That(p[0].Label, Is.Null);
        Assert.That(p[0].Value, Is.EqualTo(raw[0, 0] * model.Target.Scale + model.Target.Mean));
    }

    [Test]
    public void FloatRow_OfTheWrongLength_IsRefusedWithTheColumns()
    {
        var model = Model.Train(CliHarness.IrisPath, Iris);

        var e = Assert.Throws<ArgumentException>(() => model.Predict(new float[] { 1, 2 }))!;

        Assert.That(e.Message, Does.StartWith("row 0 has 2 values; the model takes 4 (sepal_length, sepal_width, petal_length, petal_width)"));
    }

    private static bool SamePrediction(Prediction a, Prediction b)
        => a.Label == b.Label && a.Probabilities.SequenceEqual(b.Probabilities) && a.Value.Equals(b.Value);
}
