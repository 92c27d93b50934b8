using System.Globalization;
using System.Text;
using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Data;

/// <summary>
/// <see cref="CsvChunks"/> against the whole-file reader (the oracle): whatever the chunk size, the chunks' rows put
/// end to end are the file's rows, with the same values, categories and line numbers.
/// </summary>
public class CsvChunksTests
{
    private TempFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    /// <summary>60 rows: a number (missing every 11th row), a colour, a quoted note with a line break every 13th row, a label.</summary>
    private string Sample()
    {
        var csv = new StringBuilder("x,color,note,label\n");
        for (int i = 0; i < 60; i++)
        {
            string x = i % 11 == 3 ? "" : (i * 0.37 - 5).ToString("R", CultureInfo.InvariantCulture);
            string note = i % 13 == 5 ? "\"two\nlines\"" : $"n{i % 4}";
            csv.Append(CultureInfo.InvariantCulture, $"{x},{(i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue")},{note},{i % 2}\n");
        }
        return _files.Write("sample.csv", csv.ToString());
    }

    [TestCase(1)]      // a row or so per chunk
    [TestCase(7 * 24)] // about seven rows
    [TestCase(1 << 20)] // the whole file
    public void Chunks_PutEndToEnd_AreTheWholeFile(int chunkBytes)
    {
        string path = Sample();
        var whole = TypedCsvReader.Read(path);

        var chunks = CsvChunks.Read(path, new CsvReadOptions { ChunkBytes = chunkBytes }).ToList();

        Assert.That(chunks.Sum(c => c.RowCount), Is.EqualTo(whole.RowCount));
        if (chunkBytes == 1) Assert.That(chunks, Has.Count.GreaterThan(30), "small chunks");
        int row = 0;
        foreach (var chunk in chunks)
        {
            Assert.That(chunk.Columns, Is.EqualTo(whole.Columns));
            for (int r = 0; r < chunk.RowCount; r++, row++)
            {
                Assert.That(chunk.Line(r), Is.EqualTo(whole.Line(row)), $"line of row {row}");
                for (int c = 0; c < whole.Data.Count; c++)
                    Assert.That(Cell(chunk.Data[c], r), Is.EqualTo(Cell(whole.Data[c], row)), $"row {row}, column {whole.Columns[c]}");
            }
        }
    }

    [Test]
    public void ABadRowInALaterChunk_IsNamedByItsLine()
    {
        var csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 40; i++) csv.Append(i == 33 ? "1,2,3\n" : "1,2\n");
        string path = _files.Write("ragged.csv", csv.ToString());

        var e = Assert.Throws<DataException>(() => CsvChunks.Read(path, new CsvReadOptions { ChunkBytes = 16 }).ToList())!;

        Assert.That(e.Message, Is.EqualTo($"{path}:35: expected 2 fields as in the header, found 3 (a ragged row)")); // header + 33 rows before it
    }

    [Test]
    public void HeaderOnly_IsRefusedAsTheWholeReaderDoes()
    {
        string path = _files.Write("empty.csv", "a,b\n");
        var whole = Assert.Throws<DataException>(() => TypedCsvReader.Read(path))!;
        var chunked = Assert.Throws<DataException>(() => CsvChunks.Read(path).ToList())!;
        Assert.That(chunked.Message, Is.EqualTo(whole.Message));
    }

    /// <summary>A cell as comparable text: "missing", the number's bits, or the category's text.</summary>
    private static string Cell(DataColumn column, int row) => column switch
    {
        _ when column.IsMissing(row) => "missing",
        NumericColumn n => BitConverter.DoubleToInt64Bits(n[row]).ToString(CultureInfo.InvariantCulture),
        CategoryColumn t => "text:" + t.Text(row),
        _ => "?",
    };
}
