using System.Text;
using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Data;

public class TypedCsvReaderTests
{
    private TempFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static CategoryColumn Text(DataTable t, int c) => (CategoryColumn)t.Data[c];

    private static NumericColumn Numbers(DataTable t, int c) => (NumericColumn)t.Data[c];

    [Test]
    public void QuotedFields_Bom_AndCrlf_AreRead()
    {
        string path = _files.Write("q.csv", "\uFEFFa,\"b, c\",label\r\n1,\"2,5\",\"x \"\"y\"\"\"\r\n3,4,z\r\n");

        var table = TypedCsvReader.Read(path);

        Assert.That(table.Columns, Is.EqualTo(new[] { "a", "b, c", "label" }));
        Assert.That(Numbers(table, 0)[0], Is.EqualTo(1));
        Assert.That(Text(table, 1).Text(0), Is.EqualTo("2,5"), "a decimal comma under the invariant culture is text");
        Assert.That(Text(table, 2).Text(0), Is.EqualTo("x \"y\""));
        Assert.That(new[] { table.Line(0), table.Line(1) }, Is.EqualTo(new long[] { 2, 3 }));
    }

    [TestCase(";")]
    [TestCase("\t")]
    [TestCase("|")]
    public void Delimiter_IsDetected(string delimiter)
    {
        string path = _files.Write("d.csv", $"a{delimiter}b\n1{delimiter}2\n3{delimiter}4\n");

        var table = TypedCsvReader.Read(path);

        Assert.That(table.Columns, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(table.Delimiter, Is.EqualTo(delimiter[0]));
    }

    [Test]
    public void Culture_ReadsDecimalCommas()
    {
        string path = _files.Write("de.csv", "a;b\n1,5;x\n-2,25;y\n");

        var table = TypedCsvReader.Read(path, new CsvReadOptions { Parser = CsvReadOptions.ParserFor("de-DE") });

        Assert.That(Numbers(table, 0)[1], Is.EqualTo(-2.25));
    }

    [Test]
    public void Utf16_IsRead()
    {
        string path = _files.WriteBytes("u16.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("x,y\n1,é\n2,b\n")).ToArray());

        var table = TypedCsvReader.Read(path);

        Assert.That(Text(table, 1).Text(0), Is.EqualTo("é"));
        Assert.That(Numbers(table, 0)[1], Is.EqualTo(2));
    }

    [Test]
    public void MissingCells_AreNaN_OrNoCode()
    {
        string path = _files.Write("m.csv", "x,c\n1,a\nNA,\n ?,null\n");

        var table = TypedCsvReader.Read(path);

        Assert.That(Numbers(table, 0).IsMissing(1) && Numbers(table, 0).IsMissing(2), Is.True);
        Assert.That(Text(table, 1).Codes.ToArray(), Is.EqualTo(new[] { 0, -1, -1 }));
        Assert.That(table.Data[0].Stats.Present, Is.EqualTo(1));
    }

    [Test]
    public void ValueBeyondFloat32_WidensTheColumn()
    {
        string path = _files.Write("w.csv", "x,y\n1.5,a\n1e300,b\n");

        var column = Numbers(TypedCsvReader.Read(path), 0);

        Assert.That(column.IsDouble, Is.True);
        Assert.That(new[] { column[0], column[1] }, Is.EqualTo(new[] { 1.5, 1e300 }));
    }

    [Test]
    public void TheWidenTest_OfTheFastPath_UsesTheBitsOfItsBounds()
    {
        Assert.That(BitConverter.DoubleToUInt64Bits(ColumnBuilder.SmallestNormalSingle), Is.EqualTo(ColumnBuilder.SmallestNormalBits));
        Assert.That(BitConverter.DoubleToUInt64Bits(float.MaxValue), Is.EqualTo(ColumnBuilder.LargestSingleBits));
    }

    [TestCase("9007199254740992e22", false)] // the largest value the fast parser takes: float32 still holds it
    [TestCase("-0.0000000000000000000001", false)] // 1e-22, the smallest power it takes
    [TestCase("-0", false)]
    [TestCase("1e-39", true)] // subnormal in float32: kept as float64
    [TestCase("4e38", true)] // beyond float32
    public void ValuesAtTheEdgesOfFloat32_WidenExactlyWhenNeeded(string value, bool wide)
    {
        string path = _files.Write("edge.csv", $"x,y\n1.5,a\n{value},b\n2.5,c\n");

        var column = Numbers(TypedCsvReader.Read(path), 0);

        Assert.That(column.IsDouble, Is.EqualTo(wide));
        double expected = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(BitConverter.DoubleToInt64Bits(column[1]), Is.EqualTo(BitConverter.DoubleToInt64Bits(wide ? expected : (float)expected)));
        Assert.That(new[] { column[0], column[2] }, Is.EqualTo(new[] { 1.5, 2.5 }));
    }

    [Test]
    public void DoublePrecision_KeepsAllDigits()
    {
        string path = _files.Write("p.csv", "x,y\n0.1234567890123,a\n");

        var column = Numbers(TypedCsvReader.Read(path, new CsvReadOptions { Double = true }), 0);

        Assert.That(column[0], Is.EqualTo(0.1234567890123));
    }

    [Test]
    public void MissingFile_Empty_HeaderOnly_Binary_AreRefused()
    {
        Assert.That(Message(_files.PathOf("nope.csv")), Does.EndWith("nope.csv: file not found"));
        Assert.That(Message(_files.Write("e.csv", "")), Does.Contain("the file is empty"));
        Assert.That(Message(_files.Write("h.csv", "a,b,label\n")), Does.Contain("header row but no data rows"));
        Assert.That(Message(_files.WriteBytes("b.csv", [0x41, 0x00, 0x42, 0x0A])), Does.Contain("not a text file (a NUL byte at offset 1)"));
        Assert.That(Message(_files.Write("dup.csv", "a,a,label\n1,2,x\n")), Does.Contain("column name 'a' appears twice"));
    }

    [Test]
    public void RaggedRow_NamesTheLine()
    {
        string path = _files.Write("r.csv", "a,b,label\n1,2,x\n3,4,y\n5,6\n");

        Assert.That(Message(path), Is.EqualTo($"{path}:4: expected 3 fields as in the header, found 2 (a ragged row)"));
    }

    [Test]
    public void UnclosedQuote_NamesTheLine()
    {
        string path = _files.Write("q.csv", "a,b,y\n1,2,x\n3,\"4,y\n5,6,x\n");

        Assert.That(Message(path), Is.EqualTo($"{path}:3: malformed CSV: a quoted field that is never closed"));
    }

    [Test]
    public void InvalidUtf8_NamesLineAndColumn()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("x,z,y\n1,2,a\n3,"), 0xFF, 0xFE, (byte)'4', (byte)',', (byte)'b', (byte)'\n'];
        string path = _files.WriteBytes("bad.csv", bytes);

        Assert.That(Message(path), Is.EqualTo($"{path}:3: column 'z' (field 2) has bytes that are not valid UTF-8 text; save the file as UTF-8"));
    }

    [Test]
    public void FileThatWillNotFit_IsRefused_SayingWhatItNeeds()
    {
        string path = _files.Write("big.csv", "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 1000)));

        var e = Assert.Throws<DataException>(() => TypedCsvReader.Read(path, new CsvReadOptions { AvailableMemory = 1 << 20 }))!;

        Assert.That(e.Message, Does.Match(@"needs about [\d.]+ MB of memory \(2 columns\), more than the 1 MB available"));
    }

    private static string Message(string path) => Assert.Throws<DataException>(() => TypedCsvReader.Read(path))!.Message;
}
