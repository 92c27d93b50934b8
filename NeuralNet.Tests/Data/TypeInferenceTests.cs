using System.Globalization;
using System.Text;
using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Data;

public class TypeInferenceTests
{
    private TempFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    /// <summary>A file with <paramref name="numbers"/> rows whose x is a number (row i: i mod <paramref name="distinct"/>, written with two decimals), then the given text rows.</summary>
    private string LateText(int numbers, int distinct, params string[] text)
    {
        var csv = new StringBuilder("x,y\n");
        for (int i = 0; i < numbers; i++) csv.Append(CultureInfo.InvariantCulture, $"{i % distinct}.50,{i % 2}\n");
        foreach (var t in text) csv.Append(t).Append(",1\n");
        return _files.Write("late.csv", csv.ToString());
    }

    [Test]
    public void NumbersWithALateTypo_AreAnError_NamingItsLine()
    {
        const int before = 400_000;
        string path = LateText(before, 1000, "oops");
        var table = TypedCsvReader.Read(path);

        var e = Assert.Throws<DataException>(() => TypeInference.IsNumeric(table, 0, CellParser.Invariant))!;

        // header + 400,000 number rows: the typo is on line 400,002
        Assert.That(e.Message, Is.EqualTo($"{path}:{before + 2}: column 'x' value 'oops' is not a number"));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    public void LateTextColumn_KeepsTheExactTextOfItsEarlierNumbers(int workers)
    {
        // Few distinct numbers (spellings) and many (the column is read again): both give the text as written.
        foreach (int distinct in new[] { 4, 500 })
        {
            int before = 2000;
            string path = LateText(before, distinct, Enumerable.Range(0, before + 1).Select(i => $"t{i % 7}").ToArray());
            var options = new CsvReadOptions { Workers = workers, ParallelFromBytes = 1, ChunkBytes = 4096 };

            var table = TypedCsvReader.Read(path, options);

            Assert.That(TypeInference.IsNumeric(table, 0, CellParser.Invariant), Is.False);
            var x = (CategoryColumn)table.Data[0];
            Assert.That(x.Text(3), Is.EqualTo($"{3 % distinct}.50"), "not re-formatted as 3.5");
            Assert.That(x.Text(before), Is.EqualTo("t0"));
            Assert.That(x.Vocabulary, Has.Count.EqualTo(distinct + 7));
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void LateTextColumn_WithFractionsThatFloat32Rounds_KeepsTheirText(int workers)
    {
        // 0.2 is not a float32: the stored value is 0.2f, and its text must still be found for it.
        string path = _files.Write("f.csv", "x,y\n0.2,1\n0.25,0\nred,1\nblue,0\nred,1\n");

        var table = TypedCsvReader.Read(path, new CsvReadOptions { Workers = workers, ParallelFromBytes = 1, ChunkBytes = 64 });

        Assert.That(Enumerable.Range(0, 5).Select(((CategoryColumn)table.Data[0]).Text), Is.EqualTo(new[] { "0.2", "0.25", "red", "blue", "red" }));
    }

    [Test]
    public void NumericTarget_WithFewIntegers_IsClassification_KeepingItsSpelling()
    {
        string path = _files.Write("t.csv", "x,y\n1,1.0\n2,0\n3,1\n4,0\n");
        var table = TypedCsvReader.Read(path);

        Assert.That(TypeInference.InferTask(table, 1, CellParser.Invariant, "auto"), Is.EqualTo(TypeInference.Classification));
        Assert.That(TypeInference.Classes(table, 1, CellParser.Invariant), Is.EqualTo(new[] { "0", "1.0" }));
    }

    [Test]
    public void ManyValuesOrFractions_AreRegression()
    {
        var rows = Enumerable.Range(0, TypeInference.MaxIntegerClasses + 1).Select(i => $"{i},{i}");
        var table = TypedCsvReader.Read(_files.Write("r.csv", "x,y\n" + string.Join("\n", rows) + "\n"));
        var halves = TypedCsvReader.Read(_files.Write("h.csv", "x,y\n1,0.5\n2,1\n"));

        Assert.That(TypeInference.InferTask(table, 1, CellParser.Invariant, "auto"), Is.EqualTo(TypeInference.Regression));
        Assert.That(TypeInference.InferTask(halves, 1, CellParser.Invariant, "auto"), Is.EqualTo(TypeInference.Regression));
    }

    [Test]
    public void TextTarget_IsClassification_InOrdinalOrder_AndCannotBeRegression()
    {
        string path = _files.Write("c.csv", "x,y\n1,b\n2,a\n3,B\n");
        var table = TypedCsvReader.Read(path);

        Assert.That(TypeInference.InferTask(table, 1, CellParser.Invariant, "auto"), Is.EqualTo(TypeInference.Classification));
        Assert.That(TypeInference.Classes(table, 1, CellParser.Invariant), Is.EqualTo(new[] { "B", "a", "b" }));
        var e = Assert.Throws<DataException>(() => TypeInference.InferTask(table, 1, CellParser.Invariant, "regression"))!;
        Assert.That(e.Message, Is.EqualTo($"{path}:2: target column 'y' value 'b' is not a number, so it cannot be a regression target"));
    }

    [Test]
    public void InfinityOrDecimalComma_InANumberColumn_IsExplained()
    {
        string inf = _files.Write("inf.csv", "x,y\n1,a\n-inf,b\n3,a\n");
        string comma = _files.Write("comma.csv", "x,y\n1,a\n2,b\n\"1,5\",a\n");

        var infError = Assert.Throws<DataException>(() => TypeInference.IsNumeric(TypedCsvReader.Read(inf), 0, CellParser.Invariant))!;
        var commaError = Assert.Throws<DataException>(() => TypeInference.IsNumeric(TypedCsvReader.Read(comma), 0, CellParser.Invariant))!;

        Assert.That(infError.Message, Does.StartWith($"{inf}:3: column 'x' value '-inf' is not a finite number"));
        Assert.That(commaError.Message, Does.StartWith($"{comma}:4: column 'x' value '1,5' is not a number with a decimal point"));
    }

    [Test]
    public void EmptyColumn_IsAnError_SuggestingDrop()
    {
        string path = _files.Write("e.csv", "x,y\n,a\nNA,b\n");

        var e = Assert.Throws<DataException>(() => TypeInference.IsNumeric(TypedCsvReader.Read(path), 0, CellParser.Invariant))!;

        Assert.That(e.Message, Is.EqualTo($"{path}: column 'x' has no values; use --drop 'x'"));
    }
}
