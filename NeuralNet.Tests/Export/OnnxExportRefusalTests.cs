using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary><c>neuralnet export</c> refuses what it cannot do in one line with exit code 2, and writes nothing.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class OnnxExportRefusalTests
{
    [Test]
    public void ATextColumnNamedLikeTheNumericInputIsRefusedByName()
    {
        using var h = new CliHarness();
        var rows = Enumerable.Range(0, 40).Select(i => $"{i % 7},{(i % 2 == 0 ? "red" : "blue")},{(i % 3 == 0 ? "a" : "b")}");
        string data = h.Write("colors.csv", "x,features,label\n" + string.Join("\n", rows) + "\n");
        string model = h.PathOf("model.json"), onnx = h.PathOf("model.onnx");
        Assert.That(CliHarness.Run("train", data, "-t", "label", "--hidden", "4", "-e", "1", "--seed", "1", "-o", model).ExitCode, Is.Zero);

        var run = CliHarness.Run("export", model, "--out", onnx);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.Contain("text column 'features'").And.Contain("rename the column"));
        Assert.That(File.Exists(onnx), Is.False);
    }

    [Test]
    public void ACorruptModelLeavesAnExistingOutputAlone()
    {
        using var h = new CliHarness();
        string model = h.Write("model.json", "{\"format\": \"neuralnet-model\", \"layers\": [");
        string onnx = h.Write("model.onnx", "previous export");

        var run = CliHarness.Run("export", model, "--out", onnx);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("error: ").And.Contain(model));
        Assert.That(File.ReadAllText(onnx), Is.EqualTo("previous export"));
        Assert.That(Directory.GetFiles(h.Folder), Has.Length.EqualTo(2), "no temporary file is left behind");
    }

    [TestCase("missing-folder/model.onnx", "does not exist")]
    [TestCase(".", "is a folder")]
    public void AnUnwritablePathIsRefusedBeforeAnythingIsRead(string outName, string reason)
    {
        using var h = new CliHarness();
        string model = h.Write("model.json", "not even JSON"); // a path check that came after loading would report this instead

        var run = CliHarness.Run("export", model, "--out", h.PathOf(outName));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.Contain(reason));
    }

    [Test]
    public void AnUnknownFormatIsAUsageError()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("export", h.PathOf("model.json"), "--format", "pmml", "--out", h.PathOf("m.pmml"));
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
    }
}
