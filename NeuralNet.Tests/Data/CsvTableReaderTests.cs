using NeuralNet.Core;
using NeuralNet.Cli;
using NeuralNet.Core.Data;

using NeuralNet.Tests.Cli;
namespace NeuralNet.Tests.Data;

public class CsvTableReaderTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void QuotedFields_Bom_AndCrlf_AreRead()
    {
        string path = _dir.Write("q.csv", "\uFEFFa,\"b, c\",label\r\n1,\"2,5\",\"x \"\"y\"\"\"\r\n3,4,z\r\n");

        var table = CsvTableReader.Read(path);

        Assert.That(table.Columns, Is.EqualTo(new[] { "a", "b, c", "label" }));
        Assert.That(table.Rows[0], Is.EqualTo(new[] { "1", "2,5", "x \"y\"" }));
        Assert.That(table.Lines, Is.EqualTo(new long[] { 2, 3 }));
    }

    [TestCase(";")]
    [TestCase("\t")]
    [TestCase("|")]
    public void Delimiter_IsDetected(string delimiter)
    {
        string path = _dir.Write("d.csv", $"a{delimiter}b\n1{delimiter}2\n3{delimiter}4\n");

        var table = CsvTableReader.Read(path);

        Assert.That(table.Columns, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(table.Delimiter, Is.EqualTo(delimiter[0]));
    }

    [Test]
    public void GivenDelimiter_OverridesDetection()
    {
        string path = _dir.Write("d.csv", "a;b,c\n1;2,5\n");

        var table = CsvTableReader.Read(path, ';');

        Assert.That(table.Rows[0], Is.EqualTo(new[] { "1", "2,5" }));
    }

    [Test]
    public void MissingFile_IsADataError()
    {
        var e = Assert.Throws<DataException>(() => CsvTableReader.Read(_dir.PathOf("nope.csv")))!;
        Assert.That(e.Message, Does.EndWith("nope.csv: file not found"));
    }

    [Test]
    public void EmptyFile_IsRefused()
    {
        string path = _dir.Write("e.csv", "");

        var e = Assert.Throws<DataException>(() => CsvTableReader.Read(path))!;

        Assert.That(e.Message, Does.Contain("the file is empty"));
    }

    [Test]
    public void HeaderOnlyFile_IsRefused()
    {
        string path = _dir.Write("h.csv", "a,b,label\n");

        var e = Assert.Throws<DataException>(() => CsvTableReader.Read(path))!;

        Assert.That(e.Message, Does.Contain("header row but no data rows"));
    }

    [Test]
    public void RaggedRow_NamesTheLine()
    {
        string path = _dir.Write("r.csv", "a,b,label\n1,2,x\n3,4,y\n5,6\n");

        var e = Assert.Throws<DataException>(() => CsvTableReader.Read(path))!;

        Assert.That(e.Message, Is.EqualTo($"{path}:4: expected 3 fields as in the header, found 2 (a ragged row)"));
    }

    [Test]
    public void DuplicateColumnName_IsRefused()
    {
        string path = _dir.Write("dup.csv", "a,a,label\n1,2,x\n");

        var e = Assert.Throws<DataException>(() => CsvTableReader.Read(path))!;

        Assert.That(e.Message, Does.Contain("column name 'a' appears twice"));
    }

    [Test]
    public void UnclosedQuote_NamesTheLine()
    {
        string path = _dir.Write("q.csv", "a,b,y\n1,2,x\n3,\"4,y\n5,6,x\n");

        var e = Assert.Throws<DataException>(() => CsvTableReader.Read(path))!;

        Assert.That(e.Message, Is.EqualTo($"{path}:3: malformed CSV: a quoted field that is never closed"));
    }
}
