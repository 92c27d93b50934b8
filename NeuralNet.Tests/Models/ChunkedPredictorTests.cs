using System.Globalization;
using System.Text;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>
/// Streaming prediction: a file predicted chunk by chunk (about one row, about seven rows, the whole file) gives
/// every row the same outputs, bit for bit, the same rows left out, the same warnings and the same errors.
/// </summary>
public sealed class ChunkedPredictorTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <summary>Rows of x1, x2, a colour and a class that depends on them; <paramref name="row"/> may change a row's text.</summary>
    private string Write(string name, int rows, Func<int, string, string>? row = null)
    {
        var csv = new StringBuilder("x1,x2,color,label\n");
        var random = new Random(3);
        for (int i = 0; i < rows; i++)
        {
            double x1 = random.NextDouble() * 4 - 2, x2 = random.NextDouble() * 4 - 2;
            string color = i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue";
            string line = string.Create(CultureInfo.InvariantCulture, $"{x1:F4},{x2:F4},{color},{(x1 * x2 > 0 ? "yes" : "no")}");
            csv.Append(row?.Invoke(i, line) ?? line).Append('\n');
        }
        return _dir.Write(name, csv.ToString());
    }

    private Model Trained() => Model.Train(Write("train.csv", 200), new TrainingSpec { Target = "label", Hidden = [6], Epochs = 2, Seed = 5 });

    private static List<PredictedChunk> Predict(Model model, string path, int chunkBytes, MissingPolicy missing, out ChunkedPredictor predictor)
    {
        predictor = new ChunkedPredictor(model.Network, model.Features, model.Target, ValueParser.Invariant, missing);
        var tables = CsvChunks.Read(path, new CsvReadOptions { ChunkBytes = chunkBytes, TextColumns = predictor.TextColumns });
        return predictor.Run(tables, targetRequired: false).ToList();
    }

    /// <summary>Every kept row's outputs as bits, with its line in the file.</summary>
    private static List<(long Line, long[] Bits)> Rows(List<PredictedChunk> chunks)
        => chunks.Where(c => c.Data is not null).SelectMany(c => Enumerable.Range(0, c.Data!.Rows).Select(i =>
            (c.Table.Line(c.Data.SourceRows[i]), c.Outputs!.Row(i).Select(BitConverter.DoubleToInt64Bits).ToArray()))).ToList();

    [TestCase(1, 120)]
    [TestCase(7 * 30, 120)]
    [TestCase(1, 2600)] // several network passes (blocks of Network.PassRows rows), each fed by many chunks
    [TestCase(4000, 2600)]
    public void ChunkedOutputs_AreTheWholeFilesBitForBit(int chunkBytes, int rows)
    {
        var model = Trained();
        // Missing x1 on every 9th row (dropped) and an unseen colour on every 10th.
        string path = Write("predict.csv", rows, (i, line) => i % 9 == 4 ? line[line.IndexOf(',')..] : i % 10 == 7 ? line.Replace("red", "mauve").Replace("green", "mauve").Replace("blue", "mauve") : line);

        var whole = Predict(model, path, 1 << 22, MissingPolicy.Drop, out var one);
        var chunked = Predict(model, path, chunkBytes, MissingPolicy.Drop, out var many);

        Assert.That(whole, Has.Count.EqualTo(1));
        Assert.That(chunked, Has.Count.GreaterThan(5));
        Assert.That(Rows(chunked), Is.EqualTo(Rows(whole)));
        Assert.That(many.DroppedRows, Is.EqualTo(one.DroppedRows).And.EqualTo(Enumerable.Range(0, rows).Count(i => i % 9 == 4)));
        Assert.That(many.Rows, Is.EqualTo(one.Rows));
        Assert.That(many.Warnings, Is.EqualTo(one.Warnings));
        Assert.That(one.Warnings.Single(), Does.Contain($"{Enumerable.Range(0, rows).Count(i => i % 10 == 7 && i % 9 != 4)} value(s)"));
    }

    [Test]
    public void WholeFileChunk_IsTheEncoderOnTheWholeTable()
    {
        var model = Trained();
        string path = Write("predict.csv", 50);
        var table = TypedCsvReader.Read(path, new CsvReadOptions { TextColumns = new HashSet<string> { "color" } });
        var expected = model.Network.Predict(
            new Core.Preprocessing.DataEncoder(model.Features, model.Target, ValueParser.Invariant, MissingPolicy.Error).Encode(table, targetRequired: false), model.Target.Loss);

        var chunks = Predict(model, path, 1 << 20, MissingPolicy.Error, out _);

        Assert.That(chunks.Single().Outputs!.ToArray(), Is.EqualTo(expected.ToArray()));
    }

    [Test]
    public void AMissingValueInALaterChunk_IsRefusedWithItsLine()
    {
        var model = Trained();
        string path = Write("predict.csv", 60, (i, line) => i == 47 ? "," + line[(line.IndexOf(',') + 1)..] : line);

        var e = Assert.Throws<DataException>(() => Predict(model, path, 64, MissingPolicy.Error, out _))!;

        Assert.That(e.Message, Is.EqualTo($"{path}:49: column 'x1' has a missing value; use --missing drop or --missing mean")); // header + 47 rows before
    }

    [Test]
    public void EveryRowDropped_IsRefusedOnceForTheWholeFile()
    {
        var model = Trained();
        string path = Write("predict.csv", 30, (_, line) => line[line.IndexOf(',')..]);

        var e = Assert.Throws<DataException>(() => Predict(model, path, 64, MissingPolicy.Drop, out _))!;

        Assert.That(e.Message, Is.EqualTo($"{path}: no rows left after dropping the 30 rows with missing values"));
    }
}
