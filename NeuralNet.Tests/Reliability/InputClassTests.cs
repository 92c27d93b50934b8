using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NeuralNet.Cli;
using NeuralNet.Cli.Reporting;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// The data classes of issue 12: a NUL byte anywhere, identifier-like text columns, non-regular files (FIFO,
/// /dev/stdin), control characters from the data in messages, and a very wide header.
/// </summary>
public class InputClassTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string[] Train(string data, params string[] extra)
        => ["train", data, "--target", "y", "--epochs", "1", "--hidden", "3", "--seed", "1", "--dead-every", "0", "-q", "--out", _dir.PathOf("model.json"), .. extra];

    /// <summary>A file with more than 64 KiB of good rows before the bad one, so the check on the file's head does not see it.</summary>
    private string LongFileEndingWith(string name, string lastRow)
    {
        var text = new StringBuilder("x,z,y\n");
        for (int i = 0; text.Length < 80_000; i++) text.Append($"{i % 7}.5,{i % 3},{(i % 2 == 0 ? "a" : "b")}\n");
        int lines = text.ToString().Count(c => c == '\n');
        return _dir.Write(name, text.Append(lastRow).Append('\n').ToString()) + ":" + (lines + 1);
    }

    [TestCase("5\0,1,a", "x", TestName = "NulByte_InANumber_AfterTheFirst64KiB")]
    [TestCase("5,1,a\0b", "y", TestName = "NulByte_InAClass_AfterTheFirst64KiB")]
    public void NulByte_IsRefusedWithFileAndLine(string lastRow, string column)
    {
        string where = LongFileEndingWith("nul.csv", lastRow);
        string path = where[..where.LastIndexOf(':')];

        var run = CliHarness.Run(Train(path));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Is.EqualTo($"error: {where}: column '{column}' has a NUL byte; not a text file, or a damaged one"));
    }

    [TestCase(1500, 1500, TestName = "IdColumn_MoreThan1000Values_IsRefused")]
    [TestCase(2000, 250, TestName = "TextColumn_MoreThanATenthOfManyRows_IsRefused")]
    [TestCase(2000, 150, TestName = "TextColumn_WithinTheLimit_Trains")]
    public void CategoricalLimit(int rows, int distinct)
    {
        var text = new StringBuilder("id,x,y\n");
        for (int i = 0; i < rows; i++) text.Append($"id{i % distinct},{i % 10},{i % 2}\n");
        string path = _dir.Write("ids.csv", text.ToString());
        int trainRows = rows - (int)Math.Round(rows * 0.2); // the default 20% validation split
        bool refused = distinct > 1000 || distinct > trainRows / 10;

        var run = CliHarness.Run(Train(path));

        Assert.That(run.ExitCode, Is.EqualTo(refused ? ExitCodes.Data : ExitCodes.Ok), run.ToString());
        if (!refused) return;
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith($"error: {path}: text column 'id' has "));
        Assert.That(run.ErrorLines[0], Does.EndWith("leave it out with --drop 'id'"));
        Assert.That(CliHarness.Run(Train(path, "--drop", "id")).ExitCode, Is.EqualTo(ExitCodes.Ok), "the hint works");
    }

    [Test]
    public void TargetWithThousandsOfClasses_IsRefused()
    {
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 3000; i++) text.Append($"{i},c{i}\n");
        var run = CliHarness.Run(Train(_dir.Write("classes.csv", text.ToString())));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain("target column 'y' has 3000 distinct classes (more than 1000)"));
    }

    [Test]
    public void NamedPipe_IsRefusedAsNotARegularFile_WithoutBlocking()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("mkfifo is a Unix tool");
        string fifo = _dir.PathOf("data.fifo");
        using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        var task = Task.Run(() => CliHarness.Run(Train(fifo)));
        Assert.That(task.Wait(TimeSpan.FromSeconds(30)), Is.True, "reading the FIFO blocked");
        Assert.That(task.Result.ExitCode, Is.EqualTo(ExitCodes.Data), task.Result.ToString());
        Assert.That(task.Result.ErrorLines[0], Is.EqualTo($"error: {fifo}: is a named pipe, not a regular file; save the data to a file first (for example: cat > data.csv)"));
    }

    [Test]
    public void Dash_ForStdin_IsRefusedSayingSo_NotAsAMissingFile()
    {
        var run = CliHarness.Run(Train("-"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "error: -: reading the data from stdin is not supported; save it to a file first (for example: cat > data.csv)" }));
    }

    [Test]
    public void ControlCharactersFromTheData_AreEscaped_SoTheErrorStaysOneLine()
    {
        string path = _dir.Write("forged.csv", "x,z,y\n1,2,a\n\"3\nerror: forged \u001b[31mred\u202e\",4,b\n5,6,a\n7,8,b\n");

        var run = CliHarness.Run(Train(path));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.Error.Contains('\u001b') || run.Error.Contains('\u202e'), Is.False, "a raw ESC or bidi override reached stderr");
        Assert.That(run.ErrorLines[0], Does.Contain(@"value '3\nerror: forged \x1b[31mred\u202e' is not a number"));
    }

    [Test]
    public void ControlCharactersInAClassName_StayOnTheirLine_InTrainAndInspect()
    {
        // A class "b\nerror: forged" (a quoted field with a line break): the lines that list the classes must not break.
        string path = _dir.Write("class.csv", "x,z,y\n1,2,a\n3,4,\"b\nerror: forged \u001b[31m\"\n5,6,a\n7,8,\"b\nerror: forged \u001b[31m\"\n");
        string model = _dir.PathOf("model.json");

        var train = CliHarness.Run(["train", path, "--target", "y", "--epochs", "1", "--hidden", "3", "--seed", "1", "--validation-split", "0", "--out", model]);
        var inspect = CliHarness.Run("inspect", model);

        foreach (var run in new[] { train, inspect })
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
            var lines = run.Output.Split('\n');
            Assert.That(lines.Any(l => l.StartsWith("error: forged", StringComparison.Ordinal)), Is.False, run.Output);
            Assert.That(run.Output.Contains('\u001b'), Is.False, "a raw ESC reached stdout");
            Assert.That(run.Output, Does.Contain(@"b\nerror: forged \x1b[31m"));
        }
    }

    [TestCase("plain", "plain")]
    [TestCase("a\nb\r\tc", @"a\nb\r\tc")]
    [TestCase("\u001b[2J\u0000\u007f\u0085", @"\x1b[2J\0\x7f\x85")]
    [TestCase("\u202eevil\u2066", @"\u202eevil\u2066")]
    public void SafeText_EscapesControlAndBidiCharacters(string text, string expected) => Assert.That(SafeText.Escape(text), Is.EqualTo(expected));

    [Test]
    public void WideHeader_IsCheckedForDuplicates_AndTheMessageStaysShort()
    {
        const int columns = 100_000;
        var header = string.Join(",", Enumerable.Range(0, columns).Select(i => $"c{i}"));
        string path = _dir.Write("wide.csv", header + ",c77777\n" + string.Join(",", Enumerable.Repeat("1", columns + 1)) + "\n");

        var run = CliHarness.Run(Train(path));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString()[..Math.Min(2000, run.ToString().Length)]);
        Assert.That(run.ErrorLines[0], Is.EqualTo($"error: {path}:1: column name 'c77777' appears twice in the header"));
        string unique = _dir.Write("wide-ok.csv", header + "\n" + string.Join(",", Enumerable.Repeat("1", columns)) + "\n");
        var missing = CliHarness.Run(Train(unique));
        Assert.That(missing.ErrorLines[0], Does.EndWith($", … ({columns - 20} more)"), "the column list is cut after 20 names");
    }

    [Test]
    public void ResumeWithJson_KeepsStdoutJsonOnly()
    {
        string checkpoint = _dir.PathOf("ck.json");
        var first = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "3", "--seed", "1", "-q",
            "--checkpoint-every", "1", "--checkpoint", checkpoint, "--out", _dir.PathOf("a.json"));
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());

        var resumed = CliHarness.Run("train", "--resume", checkpoint, "--epochs", "3", "--json", "--out", _dir.PathOf("b.json"));

        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(() => JsonDocument.Parse(resumed.Output).Dispose(), Throws.Nothing, resumed.Output);
    }
}
