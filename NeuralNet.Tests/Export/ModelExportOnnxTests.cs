using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

public class ModelExportOnnxTests
{
    [Test]
    public void LibraryExport_WritesTheBytesTheCommandWrites_AndRunsInOnnxRuntime()
    {
        using var h = new CliHarness();
        string model = h.PathOf("m.json"), cli = h.PathOf("cli.onnx"), library = h.PathOf("lib.onnx");
        Assert.That(CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "5", "-e", "2", "--seed", "3", "-q", "-o", model).ExitCode, Is.Zero);
        Assert.That(CliHarness.Run("export", model, "--out", cli).ExitCode, Is.Zero);

        var loaded = Model.Load(model);
        loaded.ExportOnnx(library);

        Assert.That(File.ReadAllBytes(library), Is.EqualTo(File.ReadAllBytes(cli)));
        Assert.That(loaded.ToOnnx(), Is.EqualTo(File.ReadAllBytes(cli)));
    }

    [Test]
    public void LibraryExport_RefusesATextColumnNamedLikeTheNumericInput_AndWritesNothing()
    {
        using var h = new CliHarness();
        string data = h.Write("t.csv", "x,features,label\n1,red,a\n2,blue,b\n3,red,a\n4,blue,b\n5,red,a\n6,blue,b\n");
        string model = h.PathOf("m.json"), onnx = h.PathOf("m.onnx");
        Assert.That(CliHarness.Run("train", data, "-t", "label", "--hidden", "3", "-e", "1", "--seed", "1", "-q", "-o", model).ExitCode, Is.Zero);

        Assert.That(() => Model.Load(model).ExportOnnx(onnx), Throws.TypeOf<NotSupportedException>().With.Message.Contain("'features'"));
        Assert.That(File.Exists(onnx), Is.False);
    }
}
