using System.Globalization;
using System.Text;
using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Data;

public class ParallelReadTests
{
    private TempFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static CsvReadOptions Parallel(int chunk) => new() { Workers = 2, ParallelFromBytes = 1, ChunkBytes = chunk };

    private static readonly CsvReadOptions Sequential = new() { Workers = 1 };

    /// <summary>Rows with numbers, text, missing cells, CRLF ends and quoted fields holding line breaks and quotes.</summary>
    private string Mixed(int rows)
    {
        var csv = new StringBuilder("\uFEFFid,x,note,label\r\n");
        var rng = new Random(7);
        for (int i = 0; i < rows; i++)
        {
            string x = i % 37 == 0 ? "" : (rng.NextDouble() * 100 - 50).ToString("F6", CultureInfo.InvariantCulture);
            string note = (i % 5) switch { 0 => "\"two\nlines\"", 1 => "\"say \"\"hi\"\"\"", 2 => "NA", _ => $"n{i % 11}" };
            csv.Append(CultureInfo.InvariantCulture, $"{i},{x},{note},{(i % 3 == 0 ? "yes" : "no")}\r\n");
        }
        return _files.Write("mixed.csv", csv.ToString());
    }

    [TestCase(64)]
    [TestCase(1000)]
    [TestCase(1 << 16)]
    public void ParallelChunks_GiveTheSameTableAsASequentialRead(int chunk)
    {
        string path = Mixed(3000);

        var one = TypedCsvReader.Read(path, Sequential);
        var two = TypedCsvReader.Read(path, Parallel(chunk));

        Assert.That(two.RowCount, Is.EqualTo(one.RowCount));
        Assert.That(Enumerable.Range(0, one.RowCount).Select(two.Line), Is.EqualTo(Enumerable.Range(0, one.RowCount).Select(one.Line)));
        for (int c = 0; c < one.Data.Count; c++)
        {
            Assert.That(two.Data[c].GetType(), Is.EqualTo(one.Data[c].GetType()), one.Data[c].Name);
            Assert.That(two.Data[c].Stats, Is.EqualTo(one.Data[c].Stats), one.Data[c].Name);
            Assert.That(Cells(two.Data[c]), Is.EqualTo(Cells(one.Data[c])), one.Data[c].Name);
        }
    }

    [Test]
    public void ParallelErrors_NameTheSameLineAsASequentialRead()
    {
        string path = Mixed(3000);
        var lines = File.ReadAllText(path).Split("\r\n").ToList();
        lines[2500] = "1,2,3"; // a ragged row (header and quoted line breaks shift the line numbers, which both reads must count the same)
        File.WriteAllText(path, string.Join("\r\n", lines));

        var one = Assert.Throws<DataException>(() => TypedCsvReader.Read(path, Sequential))!;
        var two = Assert.Throws<DataException>(() => TypedCsvReader.Read(path, Parallel(512)))!;

        Assert.That(one.Message, Does.Contain("(a ragged row)"));
        Assert.That(two.Message, Is.EqualTo(one.Message));
    }

    /// <summary>
    /// Columns that change in a later chunk: text after many numbers, text after few numbers spelled two ways in two
    /// chunks, a value only float64 holds, a NUL byte; with small chunks and first lines much longer than the rest
    /// (so the row estimate is far too low and the columns grow).
    /// </summary>
    [TestCase(64)]
    [TestCase(700)]
    public void ColumnsThatChangeInALaterChunk_AreJoinedAsASequentialReadGivesThem(int chunk)
    {
        var csv = new StringBuilder("many,few,tiny,long\n");
        for (int i = 0; i < 2000; i++)
        {
            string many = i == 1900 ? "late text" : (i * 0.5).ToString(CultureInfo.InvariantCulture);
            string few = i == 1950 ? "other" : i < 1000 ? "1" : "1.0";
            string tiny = i == 1500 ? "1e-300" : "0.25";
            string pad = i < 20 ? new string('x', 400) : "y";
            csv.Append(CultureInfo.InvariantCulture, $"{many},{few},{tiny},{pad}\n");
        }
        string path = _files.Write("late.csv", csv.ToString());

        var one = TypedCsvReader.Read(path, Sequential);
        var two = TypedCsvReader.Read(path, Parallel(chunk));

        Assert.That(one.Data[0], Is.TypeOf<CategoryColumn>());
        Assert.That(((CategoryColumn)one.Data[1]).Vocabulary, Is.EqualTo(new[] { "1", "1.0", "other" }));
        Assert.That(((NumericColumn)one.Data[2]).IsDouble, Is.True);
        Assert.That(two.RowCount, Is.EqualTo(one.RowCount));
        for (int c = 0; c < one.Data.Count; c++)
        {
            Assert.That(two.Data[c].GetType(), Is.EqualTo(one.Data[c].GetType()), one.Data[c].Name);
            Assert.That(two.Data[c].Stats, Is.EqualTo(one.Data[c].Stats), one.Data[c].Name);
            Assert.That(Cells(two.Data[c]), Is.EqualTo(Cells(one.Data[c])), one.Data[c].Name);
        }
        Assert.That(((NumericColumn)two.Data[2]).IsDouble, Is.True);
    }

    [Test]
    public void AChunkWithTooManyDistinctNumbers_StopsLaterChunksKeepingSpellings()
    {
        var many = new ManyDistinctColumns(2);
        var first = new ColumnBuilder(CellParser.Invariant, "f.csv", "x", 1, wide: false, text: false, many: many);
        for (int i = 0; i <= NumericColumn.MaxSpellings; i++) first.Append(Encoding.ASCII.GetBytes($"{i}.5"), i + 2);
        var later = new ColumnBuilder(CellParser.Invariant, "f.csv", "x", 1, wide: false, text: false, many: many);
        later.Append("1"u8, 100);
        var other = new ColumnBuilder(CellParser.Invariant, "f.csv", "y", 0, wide: false, text: false, many: many);
        other.Append("1"u8, 100);

        Assert.That(many.Has(1), Is.True);
        Assert.That(many.Has(0), Is.False);
        Assert.That(later.Finish().Spellings, Is.Null);
        Assert.That(other.Finish().Spellings, Is.Not.Null);
    }

    [TestCase(64)]
    [TestCase(700)]
    public void Spellings_AreThoseOfASequentialRead(int chunk)
    {
        var csv = new StringBuilder("many,few,late\n");
        for (int i = 0; i < 2000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{i * 0.5},{(i % 3 == 0 ? "2" : "2.0")},{(i == 1900 ? "text" : (i % 40).ToString(CultureInfo.InvariantCulture))}\n");
        string path = _files.Write("spellings.csv", csv.ToString());

        var one = TypedCsvReader.Read(path, Sequential);
        var two = TypedCsvReader.Read(path, Parallel(chunk));

        Assert.That(((NumericColumn)one.Data[0]).Spellings, Is.Null);
        Assert.That(((NumericColumn)two.Data[0]).Spellings, Is.Null);
        Assert.That(((NumericColumn)two.Data[1]).Spellings, Is.EquivalentTo(((NumericColumn)one.Data[1]).Spellings!));
        // 40 distinct numbers, then text: its categories come from reading the column again, in both reads.
        Assert.That(((CategoryColumn)two.Data[2]).Vocabulary, Is.EqualTo(((CategoryColumn)one.Data[2]).Vocabulary));
        Assert.That(Cells(two.Data[2]), Is.EqualTo(Cells(one.Data[2])));
    }

    [Test]
    public void ANulByteInALaterChunk_IsRefusedAsInASequentialRead()
    {
        var csv = new StringBuilder("a,b\n");
        // Past the first 64 KiB, which are checked for NUL before reading.
        for (int i = 0; i < 3000; i++) csv.Append(CultureInfo.InvariantCulture, $"{i},{new string('z', 25)}{(i == 2500 ? "\0" : "")}\n");
        string path = _files.Write("nul.csv", csv.ToString());

        var one = Assert.Throws<DataException>(() => TypedCsvReader.Read(path, Sequential))!;
        var two = Assert.Throws<DataException>(() => TypedCsvReader.Read(path, Parallel(512)))!;

        Assert.That(one.Message, Does.Contain(":2502: column 'b' has a NUL byte"));
        Assert.That(two.Message, Is.EqualTo(one.Message));
    }

    [Test]
    public void Cut_NeverSplitsAQuotedLineBreak()
    {
        var block = Encoding.ASCII.GetBytes("a,\"x\ny\"\nb,\"p\nq");

        int cut = ParallelChunks.Cut(block);

        Assert.That(Encoding.ASCII.GetString(block, 0, cut), Is.EqualTo("a,\"x\ny\"\n"));
    }

    private static List<string?> Cells(DataColumn column) => Enumerable.Range(0, column.Count).Select(r => column switch
    {
        NumericColumn n => n.IsMissing(r) ? null : n[r].ToString("R", CultureInfo.InvariantCulture),
        CategoryColumn t => t.Text(r),
        _ => throw new InvalidOperationException(),
    }).ToList();
}
