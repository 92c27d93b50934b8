using System.Text.Json;
using NeuralNet.Cli;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// predict and evaluate read the file in chunks: cut after about one row, about seven rows, or not at all, they write
/// the same bytes and report the same numbers.
/// </summary>
[NonParallelizable] // the chunk size is a static knob of the workflows
public class StreamingCommandsTests
{
    private CliHarness _dir = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _dir = new CliHarness();
        _model = _dir.PathOf("iris.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--seed", "4", "--epochs", "5", "--hidden", "8", "--out", _model, "--quiet");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        (PredictWorkflow.ChunkBytes, EvaluateWorkflow.ChunkBytes) = (null, null);
        _dir.Dispose();
    }

    /// <summary>Iris with a note column: plain on most rows, quoted (with the delimiter inside, or needlessly) on a few.</summary>
    private string IrisWithNotes()
    {
        var lines = File.ReadAllLines(CliHarness.IrisPath);
        var withNotes = lines.Select((l, i) => i == 0 ? l + ",note" : l + (i == 40 ? ",\"a, b\"" : i == 90 ? ",\"plain\"" : $",n{i % 5}"));
        return _dir.Write("notes.csv", string.Join("\n", withNotes) + "\n");
    }

    private static string Predict(string model, string data, string output, int? chunkBytes)
    {
        PredictWorkflow.ChunkBytes = chunkBytes;
        var run = CliHarness.Run("predict", model, data, "--out", output);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        return File.ReadAllText(output);
    }

    [TestCase(1)]
    [TestCase(7 * 30)]
    public void Predict_WritesTheSameFile_HoweverTheInputIsCut(int chunkBytes)
    {
        string data = IrisWithNotes();
        string whole = Predict(_model, data, _dir.PathOf("whole.csv"), null);

        string chunked = Predict(_model, data, _dir.PathOf("chunked.csv"), chunkBytes);

        Assert.That(chunked, Is.EqualTo(whole));
        var rows = whole.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows, Has.Length.EqualTo(151));
        Assert.That(rows[40], Does.Contain(",\"a, b\","), "a field with the delimiter is quoted again");
        Assert.That(rows[90], Does.Contain(",plain,"), "a needless quote is dropped, as the record reader gives the field");
    }

    [TestCase(1)]
    [TestCase(7 * 30)]
    public void Evaluate_ReportsTheSameNumbers_HoweverTheInputIsCut(int chunkBytes)
    {
        EvaluateWorkflow.ChunkBytes = null;
        var whole = JsonDocument.Parse(CliHarness.Run("evaluate", _model, CliHarness.IrisPath, "--json").Output).RootElement;
        EvaluateWorkflow.ChunkBytes = chunkBytes;
        var chunked = JsonDocument.Parse(CliHarness.Run("evaluate", _model, CliHarness.IrisPath, "--json").Output).RootElement;

        foreach (var name in new[] { "rows", "loss", "accuracy", "confusionMatrix", "perClass", "deadNeurons" })
            Assert.That(chunked.GetProperty(name).GetRawText(), Is.EqualTo(whole.GetProperty(name).GetRawText()), name);
    }
}
