using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Every file of the bad-input corpus (Reliability/Corpus, plus a few generated here: binary, invalid UTF-8, a folder,
/// a missing and an unreadable file) either trains or fails with exit code 2 and one stderr line naming the file
/// (and the line and column where there is one); no stack trace, and an existing --out file stays byte-identical.
/// </summary>
public class CorpusTests
{
    private static readonly byte[] PreviousModel = "{\"previous\": \"model\"}"u8.ToArray();

    /// <summary>The committed corpus: file, extra arguments, expected exit code, expected part of the error line.</summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        const int ok = ExitCodes.Ok, data = ExitCodes.Data;
        TestCaseData C(string file, int exit, string? error = null, params string[] extra)
            => new TestCaseData(file, extra, exit, error) { TestName = $"Corpus({file}{(extra.Length > 0 ? " " + string.Join(" ", extra) : "")})" };
        yield return C("empty.csv", data, ": the file is empty");
        yield return C("whitespace-only.csv", data, ": the file is empty");
        yield return C("header-only.csv", data, ": the file has a header row but no data rows");
        yield return C("header-only-no-newline.csv", data, ": the file has a header row but no data rows");
        yield return C("no-header.csv", data, ":1: the first line looks like data, not column names");
        yield return C("duplicate-columns.csv", data, ":1: column name 'x' appears twice in the header");
        yield return C("empty-column-name.csv", data, ":1: column 2 of the header has no name");
        yield return C("ragged-short-row.csv", data, ":4: expected 3 fields as in the header, found 2");
        yield return C("ragged-long-row.csv", data, ":4: expected 3 fields as in the header, found 4");
        yield return C("unterminated-quote.csv", data, ":3: malformed CSV: a quoted field that is never closed");
        yield return C("stray-quote.csv", data, ":3: malformed CSV: a quote inside an unquoted field");
        yield return C("quoted-fields.csv", ok, null, "--target", "the, label");
        yield return C("bom.csv", ok);
        yield return C("utf16.csv", ok);
        yield return C("mixed-line-endings.csv", ok);
        yield return C("cr-only-line-endings.csv", ok);
        yield return C("blank-lines.csv", ok);
        yield return C("semicolon.csv", ok);
        yield return C("tab.csv", ok);
        yield return C("tab.csv", ok, null, "--delimiter", "tab");
        yield return C("decimal-comma.csv", data, ":2: column 'x' value '0,5' is not a number with a decimal point: for decimal commas pass --culture");
        yield return C("decimal-comma.csv", ok, null, "--culture", "de-DE");
        yield return C("thousands-separators.csv", data, ":2: column 'x' value '1,000.5' is not a number with a decimal point");
        yield return C("nan-value.csv", data, ":4: column 'z' has a missing value");
        yield return C("nan-value.csv", ok, null, "--missing", "drop");
        yield return C("inf-value.csv", data, ":4: column 'z' value 'inf' is not a finite number");
        yield return C("negative-infinity.csv", data, ":3: column 'z' value '-Infinity' is not a finite number");
        yield return C("overflow-1e309.csv", data, ":4: column 'x' value '1e309' is not a finite number");
        yield return C("empty-value.csv", data, ":3: column 'z' has a missing value");
        yield return C("empty-value.csv", ok, null, "--missing", "mean");
        yield return C("huge-1e308.csv", ok);
        yield return C("regression-huge-target.csv", ok);
        yield return C("tiny-1e-320.csv", ok);
        yield return C("one-class-target.csv", data, ": target column 'y' has only one class ('a')");
        yield return C("constant-column.csv", ok);
        yield return C("constant-text-column.csv", ok);
        yield return C("missing-target-value.csv", data, ":3: target column 'y' has a missing value");
        yield return C("only-target-column.csv", data, ": no feature columns left besides the target 'y'");
        yield return C("one-row.csv", ok);
        yield return C("one-feature.csv", ok);
        yield return C("unicode-names.csv", ok);
        yield return C("spaces-around-values.csv", ok);
        yield return C("mostly-numbers-with-typo.csv", data, ":9: column 'z' value '1O' is not a number");
        yield return C("regression-text-target.csv", data, ":4: target column 'y' value 'oops' is not a number", "--task", "regression");
        yield return C("long-field.csv", ok);
        yield return C("target-not-found.csv", data, ": target column 'species' not found", "--target", "species");
        yield return C("train-two-classes.csv", data, "validation-new-class.csv:4: target column 'y' value 'c' is not one of the model's classes",
            "--validation-file", "{corpus}/validation-new-class.csv");
        yield return C("train-two-classes.csv", data, ": the file is 126 bytes, more than the limit of 100 bytes", "--max-file-size", "100");
    }

    /// <summary>Files that are awkward to commit, made in a temporary folder: name, content, exit code, expected error.</summary>
    private static IEnumerable<TestCaseData> GeneratedCases()
    {
        yield return new TestCaseData("invalid-utf8-number.csv", "x,z,y\n1,2,a\n3,\xff\xfe4,b\n5,6,a\n7,8,b\n", ExitCodes.Data,
            ":3: column 'z' (field 2) has bytes that are not valid UTF-8 text");
        yield return new TestCaseData("invalid-utf8-text.csv", "x,z,y\n1,2,a\n3,4,b\n5,6,a\xff\n7,8,b\n", ExitCodes.Data,
            ":4: column 'y' (field 3) has bytes that are not valid UTF-8 text");
        var random = new Random(3);
        var garbage = new char[4000];
        for (int i = 0; i < garbage.Length; i++) garbage[i] = (char)random.Next(256);
        yield return new TestCaseData("binary-garbage.csv", new string(garbage), ExitCodes.Data, ": not a text file (a NUL byte at offset");
    }

    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [TestCaseSource(nameof(Cases))]
    public void CorpusFile(string file, string[] extra, int exit, string? error)
    {
        string corpus = CorpusFolder;
        var args = extra.Select(a => a.Replace("{corpus}", corpus)).ToArray();
        RunAndCheck(Path.Combine(corpus, file), args, exit, error);
    }

    [TestCaseSource(nameof(GeneratedCases))]
    public void GeneratedFile(string name, string latin1, int exit, string error)
    {
        string path = _dir.PathOf(name);
        File.WriteAllBytes(path, latin1.Select(c => (byte)c).ToArray());
        RunAndCheck(path, [], exit, error);
    }

    [Test]
    public void Folder_InsteadOfAFile() => RunAndCheck(_dir.Folder, [], ExitCodes.Data, ": is a folder, expected a CSV file");

    [Test]
    public void MissingFile() => RunAndCheck(_dir.PathOf("nope.csv"), [], ExitCodes.Data, ": file not found");

    [Test]
    public void UnreadableFile()
    {
        if (OperatingSystem.IsWindows()) { Assert.Ignore("file modes are a Unix feature"); return; }
        string path = _dir.PathOf("unreadable.csv");
        File.Copy(Path.Combine(CorpusFolder, "train-two-classes.csv"), path);
        File.SetUnixFileMode(path, UnixFileMode.None);
        bool readable;
        try { using (File.OpenRead(path)) readable = true; }
        catch (UnauthorizedAccessException) { readable = false; }
        // As root (the CI containers here) mode 000 does not stop reading: then the file simply trains.
        RunAndCheck(path, [], readable ? ExitCodes.Ok : ExitCodes.Data, readable ? null : ": cannot read the file");
    }

    private void RunAndCheck(string data, string[] extra, int exit, string? error)
    {
        string model = _dir.PathOf("model.json");
        File.WriteAllBytes(model, PreviousModel);
        string[] args = ["train", data, "--epochs", "2", "--hidden", "4", "--seed", "1", "--dead-every", "0", "-q", "--out", model];
        string[] target = extra.Contains("--target") ? [] : ["--target", "y"];
        var run = CliHarness.Run([.. args, .. target, .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(exit), run.ToString());
        Assert.That(run.Output + run.Error, Does.Not.Contain("   at "), run.ToString());
        if (exit == ExitCodes.Ok)
        {
            Assert.That(File.ReadAllBytes(model), Is.Not.EqualTo(PreviousModel), "the model was not written");
            return;
        }
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.ErrorLines[0], Does.StartWith("error: "));
        Assert.That(run.ErrorLines[0], Does.Contain(error!), run.ToString());
        if (!error!.Contains(".csv")) Assert.That(run.ErrorLines[0], Does.Contain(data + error), "the message names the file");
        Assert.That(File.ReadAllBytes(model), Is.EqualTo(PreviousModel), "an existing model file was changed by a failed run");
    }

    /// <summary>NeuralNet.Tests/Reliability/Corpus in the source tree.</summary>
    public static string CorpusFolder
    {
        get
        {
            string iris = CliHarness.IrisPath;
            return Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(iris))!, "NeuralNet.Tests", "Reliability", "Corpus");
        }
    }
}
