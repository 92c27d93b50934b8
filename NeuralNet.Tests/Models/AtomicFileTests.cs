using NeuralNet.Core;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>
/// Issue 12, "every file is written to a temporary file and renamed, or nothing is written": files written together
/// (a model and its chart) are all replaced, or none is.
/// </summary>
public class AtomicFileTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Set_Committed_ReplacesEveryFile()
    {
        string a = _dir.Write("a.txt", "old a"), b = _dir.Write("b.txt", "old b");

        using (var files = AtomicFile.Together())
        {
            AtomicFile.WriteText(a, w => w.Write("new a"));
            AtomicFile.WriteText(b, w => w.Write("new b"));
            Assert.That(File.ReadAllText(a), Is.EqualTo("old a"), "nothing is replaced before the commit");
            files.Commit();
        }

        Assert.That(File.ReadAllText(a), Is.EqualTo("new a"));
        Assert.That(File.ReadAllText(b), Is.EqualTo("new b"));
        Assert.That(Directory.GetFiles(_dir.Folder, "*.tmp"), Is.Empty);
    }

    [Test]
    public void Set_WhoseSecondFileFails_LeavesTheFirstFileOld()
    {
        string model = _dir.Write("model.json", "old model"), chart = _dir.PathOf("chart.png");

        // The chart's write fails as a full disk does, after the model's temporary file was complete.
        Assert.Throws<DataException>(() =>
        {
            using var files = AtomicFile.Together();
            AtomicFile.WriteText(model, w => w.Write("new model"));
            AtomicFile.Write(chart, _ => throw new IOException("No space left on device"));
            files.Commit();
        });

        Assert.That(File.ReadAllText(model), Is.EqualTo("old model"));
        Assert.That(File.Exists(chart), Is.False);
        Assert.That(Directory.GetFiles(_dir.Folder, ".*"), Is.Empty, "temporary files left");
    }

    [Test]
    public void Write_OutsideASet_ReplacesAtOnce()
    {
        string a = _dir.Write("a.txt", "old");

        AtomicFile.WriteText(a, w => w.Write("new"));

        Assert.That(File.ReadAllText(a), Is.EqualTo("new"));
    }
}
