using System.Globalization;
using System.Text;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Preprocessing;

/// <summary>
/// A float32 column is scaled eight rows at a time: every value must be the float32 rounding of the float64
/// <c>(x − offset) / scale</c>, as the float64 encoding gives it, missing values filled, at every length.
/// </summary>
public class EncodeSinglesTests
{
    private static readonly TargetEncoding Target = new("y", TargetEncoding.Classification, ["a", "b"], 0, 1, TargetEncoding.BinaryLoss);

    [TestCase(1)]
    [TestCase(8)]
    [TestCase(1003)]
    public void EightAtATime_GivesTheFloat64EncodingRounded(int rows)
    {
        var random = new Random(rows);
        var text = new StringBuilder("x\n");
        for (int r = 0; r < rows; r++)
        {
            bool missing = r % 97 == 13;
            double v = Math.Round((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 6)), 5);
            text.Append(missing ? "NA" : v.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        using var files = new TempFiles();
        var table = CsvTableReader.Read(files.Write("x.csv", text.ToString()));
        var cells = ((NumericColumn)table.Data[0]).Singles.ToArray(); // as read: float32, NaN when missing
        Assert.That(cells, Has.Length.EqualTo(rows));
        if (rows > 13) Assert.That(cells.Count(float.IsNaN), Is.Positive, "missing cells, to be filled");
        var column = new FeatureColumn("x", FeatureColumn.Numeric, 12.345, 0.37, []) { Fill = 3.25 };
        var encoder = new DataEncoder([column], Target, ValueParser.Invariant, MissingPolicy.Mean);

        var singles = encoder.Encode(table, targetRequired: false, single: true).FeaturesAs<float>();
        var doubles = encoder.Encode(table, targetRequired: false, single: false).FeaturesAs<double>();

        for (int r = 0; r < rows; r++)
        {
            double value = double.IsNaN(cells[r]) ? 3.25 : cells[r];
            float expected = (float)((value - 12.345) / 0.37);
            Assert.That(BitConverter.SingleToInt32Bits(singles[r, 0]), Is.EqualTo(BitConverter.SingleToInt32Bits(expected)), $"row {r}");
            Assert.That(BitConverter.SingleToInt32Bits(singles[r, 0]), Is.EqualTo(BitConverter.SingleToInt32Bits((float)doubles[r, 0])), $"row {r}");
        }
    }

    [Test]
    public void AValueTooFarToScale_InTheMiddleOfEight_IsReportedOnItsLine()
    {
        // Row 700 (line 702) divides to infinity: its block of eight leaves the vector path and the general loop names it.
        var text = new StringBuilder("x\n");
        for (int r = 0; r < 1000; r++) text.Append(r == 700 ? "1e30" : "1").Append('\n');
        using var files = new TempFiles();
        var table = CsvTableReader.Read(files.Write("far.csv", text.ToString()));
        var column = new FeatureColumn("x", FeatureColumn.Numeric, 0, 1e-300, []) { Scaling = FeatureScaling.NoneName };

        var e = Assert.Throws<DataException>(() => new DataEncoder([column], Target, ValueParser.Invariant, MissingPolicy.Error).Encode(table, targetRequired: false, single: true));

        Assert.That(e!.Message, Does.Contain("far.csv:702").And.Contain("value '1e30' is too far"));
    }
}
