using System.Globalization;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Data;

/// <summary>
/// Stratified splits group rows by the text of their class label, groups in the labels' ordinal order: from label
/// strings, and from a table's typed target (numbers' bits, category codes) without a string per row.
/// </summary>
public class StrataTests
{
    [Test]
    public void FromLabels_GroupsInOrdinalLabelOrder_PositionsAscending()
    {
        var strata = Strata.FromLabels(["b", "a", "b", "", "a", "B"])!;

        Assert.That(strata.Count, Is.EqualTo(4));
        Assert.That(Strata.Groups(6, strata), Is.EqualTo(new[] { new[] { 3 }, [5], [1, 4], [0, 2] }), "'' < 'B' < 'a' < 'b'");
        Assert.That(Strata.Groups(3, null), Is.EqualTo(new[] { new[] { 0, 1, 2 } }));
    }

    [Test]
    public void ManyClasses_AreNumberedLikeFew()
    {
        // More than 16 classes switch the lookup to a dictionary; the codes must not change.
        var labels = Enumerable.Range(0, 300).Select(i => ((i * 37) % 40).ToString(CultureInfo.InvariantCulture)).ToList();
        var groups = Strata.Groups(labels.Count, Strata.FromLabels(labels));

        var expected = labels.Select((l, i) => (l, i)).GroupBy(p => p.l).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(p => p.i).ToArray()).ToList();
        Assert.That(groups, Is.EqualTo(expected));
    }

    [Test]
    public void Codes_OutsideTheClasses_AreRefused()
        => Assert.That(() => new Strata([0, 2], 2), Throws.ArgumentException.With.Message.Contain("outside"));

    [TestCase("number")]
    [TestCase("wide number")] // float64 cells: the general loop, not the float32 one
    [TestCase("text")]
    public void TypedTarget_SplitsLikeItsLabels(string kind)
    {
        // Numeric labels whose numeric and ordinal orders differ (10 < 2 as text); a text target with a missing label,
        // kept under --missing error until the encoder refuses it, is not used here: labels are all present.
        string[] classes = kind.EndsWith("number") ? ["2", "10", "7"] : ["dog", "Cat", "ant"];
        var rng = new Random(3);
        var labels = Enumerable.Range(0, 500).Select(_ => classes[rng.Next(classes.Length)]).ToList();
        var csv = "x,y\n" + string.Concat(labels.Select((l, i) => $"{i},{l}\n"));
        using var files = new TempFiles();
        var table = CsvTableReader.Read(files.Write("t.csv", csv), wide: kind == "wide number");
        Assert.That(table.Data[1] is NumericColumn { IsDouble: true }, Is.EqualTo(kind == "wide number"));
        var spec = new TrainingSpec { Target = "y", ValidationSplit = 0.3, Seed = 1 };

        var data = TrainingPipeline.Encode(table, null, spec, new Rng(9));

        var (train, validation) = DataSplitter.Split(Enumerable.Range(0, 500).ToArray(), labels, 0.3, new Rng(9));
        Assert.That(data.Train.SourceRows, Is.EqualTo(train));
        Assert.That(data.Validation!.SourceRows, Is.EqualTo(validation));
        Assert.That(validation.Length, Is.InRange(140, 160));
    }
}
