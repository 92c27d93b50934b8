using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>Each data problem gives one line on stderr naming file:line and column, exit code 2, and writes no model.</summary>
public class TrainDataErrorTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private CliRun Train(string csv, params string[] extra)
    {
        string data = _dir.Write("data.csv", csv);
        return CliHarness.Run(["train", data, "--target", "y", "--epochs", "2", "--seed", "1", "--out", _dir.PathOf("model.json"), .. extra]);
    }

    private void AssertDataError(CliRun run, string expected)
    {
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.ErrorLines[0], Is.EqualTo("error: " + expected.Replace("DATA", _dir.PathOf("data.csv"))));
        Assert.That(File.Exists(_dir.PathOf("model.json")), Is.False);
    }

    [Test]
    public void NonNumericValue_NamesFileLineColumnAndValue()
        => AssertDataError(Train("x,z,y\n1,2,a\n3,4,b\n5,abc,a\n7,8,b\n"), "DATA:4: column 'z' value 'abc' is not a number");

    [Test]
    public void MissingValue_NamesFileLineAndColumn()
        => AssertDataError(Train("x,z,y\n1,2,a\n3,,b\n5,6,a\n7,8,b\n"), "DATA:3: column 'z' has a missing value; use --missing drop or --missing mean");

    [Test]
    public void MissingTargetColumn_ListsTheColumns()
    {
        string data = _dir.Write("data.csv", "x,z,label\n1,2,a\n3,4,b\n");

        var run = CliHarness.Run("train", data, "--target", "species", "--out", _dir.PathOf("model.json"));

        AssertDataError(run, "DATA: target column 'species' not found; the columns are 'x', 'z', 'label'");
    }

    [Test]
    public void RaggedRow_IsADataError()
        => AssertDataError(Train("x,z,y\n1,2,a\n3,4\n"), "DATA:3: expected 3 fields as in the header, found 2 (a ragged row)");

    [Test]
    public void HeaderOnlyFile_IsADataError()
        => AssertDataError(Train("x,z,y\n"), "DATA: the file has a header row but no data rows");

    [Test]
    public void EmptyFile_IsADataError()
        => AssertDataError(Train(""), "DATA: the file is empty; expected a header row and data rows");

    [Test]
    public void MissingFile_IsADataError()
    {
        var run = CliHarness.Run("train", _dir.PathOf("data.csv"), "--target", "y", "--out", _dir.PathOf("model.json"));

        AssertDataError(run, "DATA: file not found");
    }

    [Test]
    public void MissingDrop_LeavesTheRowOut()
    {
        var run = Train("x,z,y\n1,2,a\n3,,b\n5,6,a\n7,8,b\n9,10,a\n11,12,b\n", "--missing", "drop", "--validation-split", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("5 training rows"));
        Assert.That(run.Output, Does.Contain("1 row(s) with missing values left out"));
    }

    [Test]
    public void MissingMean_FillsTheValue()
    {
        var run = Train("x,z,y\n1,2,a\n3,NA,b\n5,6,a\n7,8,b\n", "--missing", "mean", "--validation-split", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("4 training rows"));
    }

    [Test]
    public void ConstantColumn_IsReportedAndHarmless()
    {
        var run = Train("x,c,y\n1,5,a\n2,5,b\n3,5,a\n4,5,b\n", "--validation-split", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("column 'c' is constant (5): it carries no information and is harmless"));
        Assert.That(run.Output, Does.Not.Contain("nan"));
    }

    [Test]
    public void TextColumn_IsOneHotEncoded()
    {
        var run = Train("x,color,y\n1,red,a\n2,blue,b\n3,red,a\n4,green,b\n", "--validation-split", "0", "--verbose");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("2 feature columns → 4 inputs"));
        Assert.That(run.Output, Does.Contain("'color': categorical, one-hot over 3 values (blue, green, red)"));
    }

    [Test]
    public void Culture_ParsesDecimalCommas()
    {
        var run = Train("x;z;y\n1,5;2;a\n3,5;4;b\n5,5;6;a\n7,5;8;b\n", "--culture", "de-DE", "--delimiter", ";", "--validation-split", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("2 feature columns → 2 inputs"));
    }

    [Test]
    public void DropColumn_LeavesItOut()
    {
        var run = Train("id,x,y\nA1,1,a\nB2,2,b\nC3,3,a\nD4,4,b\n", "--drop", "id", "--validation-split", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("1 feature columns → 1 inputs"));
    }
}
