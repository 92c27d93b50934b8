using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Training;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Preprocessing;

/// <summary>
/// The scalings fitted on a small hand-made table: every expected offset, scale and input is computed here from the
/// column's values, then compared with what the pipeline fitted and encoded.
/// </summary>
public sealed class FeatureScalingTests
{
    private TempFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    // x varies; c is constant; y is the target.
    private static readonly double[] X = [1, 2, 4, 9, 3.5, -2];
    private const double C = 5;
    private static readonly string[] Y = ["a", "b", "a", "b", "a", "b"];

    private static string Csv(IReadOnlyList<double?> x) => "x,c,y\n" + string.Concat(x.Select((v, i) =>
        $"{v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""},{C},{Y[i]}\n"));

    private static TrainingSpec Spec(string scaling, MissingPolicy missing = MissingPolicy.Error) => new()
    {
        Target = "y", Scaling = scaling, Missing = missing, ValidationSplit = 0, Precision = "double",
    };

    private TrainingData Encode(string scaling, IReadOnlyList<double?>? x = null, MissingPolicy missing = MissingPolicy.Error, DataTable? validation = null)
    {
        var table = CsvTableReader.Read(_files.Write("train.csv", Csv(x ?? X.Select(v => (double?)v).ToList())), wide: true);
        return TrainingPipeline.Encode(table, validation, Spec(scaling, missing), new Rng(1));
    }

    /// <summary>The offset and scale each scaling should fit, from the present values.</summary>
    private static (double Offset, double Scale) Expected(string scaling, IReadOnlyList<double> values)
    {
        double mean = values.Sum() / values.Count;
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        double range = values.Max() - values.Min();
        return scaling switch
        {
            "standard" => (mean, std > 0 ? std : 1),
            "minmax" => (values.Min(), range > 0 ? range : 1),
            _ => (0, 1),
        };
    }

    [TestCase("standard")]
    [TestCase("minmax")]
    [TestCase("none")]
    public void Fit_ChoosesTheScalingsOffsetAndScale_AndEncodesWithThem(string scaling)
    {
        var data = Encode(scaling);
        var x = data.Features[0];
        var (offset, scale) = Expected(scaling, X);

        Assert.That(x.Scaling, Is.EqualTo(scaling));
        Assert.That(x.Offset, Is.EqualTo(offset).Within(1e-12));
        Assert.That(x.Scale, Is.EqualTo(scale).Within(1e-12));
        Assert.That(x.Fill, Is.EqualTo(X.Average()).Within(1e-12), "the fill is the training mean under every scaling");
        var inputs = data.Train.Features;
        for (int i = 0; i < data.Train.Rows; i++)
            Assert.That(inputs[i, 0], Is.EqualTo((X[data.Train.SourceRows[i]] - offset) / scale).Within(1e-12), $"row {i}");
    }

    [Test]
    public void MinMax_MapsTheTrainingValuesOntoZeroToOne()
    {
        var inputs = Encode("minmax").Train.Features.Column(0);

        Assert.That(inputs.Minimum(), Is.EqualTo(0));
        Assert.That(inputs.Maximum(), Is.EqualTo(1));
    }

    [TestCase("standard", 0.0)]
    [TestCase("minmax", 0.0)]
    [TestCase("none", C)]
    public void ConstantColumn_HasScale1_LikeScikitLearn(string scaling, double input)
    {
        var data = Encode(scaling);
        var c = data.Features[1];

        Assert.That(c.Scale, Is.EqualTo(1));
        Assert.That(data.Train.Features.Column(1).ToArray(), Is.All.EqualTo(input));
    }

    [TestCase("standard")]
    [TestCase("minmax")]
    [TestCase("none")]
    public void MissingMean_FillsWithTheTrainingMean_WhateverTheScaling(string scaling)
    {
        double?[] x = [1, null, 4, 9, 3.5, -2];
        var present = x.OfType<double>().ToList();
        double mean = present.Sum() / present.Count;
        var (offset, scale) = Expected(scaling, present);

        var data = Encode(scaling, x, MissingPolicy.Mean);

        var feature = data.Features[0];
        Assert.That(feature.Fill, Is.EqualTo(mean).Within(1e-12));
        Assert.That(feature.Offset, Is.EqualTo(offset).Within(1e-12), "the missing value takes no part in the fit");
        int missingRow = Array.IndexOf(data.Train.SourceRows.ToArray(), 1);
        Assert.That(data.Train.Features[missingRow, 0], Is.EqualTo((mean - offset) / scale).Within(1e-12));
    }

    [Test]
    public void MinMax_IsFittedOnTheTrainingRowsOnly()
    {
        var validation = CsvTableReader.Read(_files.Write("validation.csv", $"x,c,y\n20,{C},a\n-10,{C},b\n"), wide: true);

        var data = Encode("minmax", validation: validation);

        var (min, range) = Expected("minmax", X);
        Assert.That(data.Features[0].Offset, Is.EqualTo(min));
        Assert.That(data.Validation!.Features.Column(0).ToArray(), Is.EqualTo(new[] { (20 - min) / range, (-10 - min) / range }).Within(1e-12),
            "validation values outside the training range fall outside [0, 1]");
    }

    [Test]
    public void UnknownScaling_IsASpecError_ListingTheNames()
    {
        var e = Assert.Throws<SpecException>(() => Encode("robust"));

        Assert.That(e!.Message, Is.EqualTo("unknown scaling 'robust'; expected one of standard, minmax, none"));
    }

    [Test]
    public void Registry_HasTheThreeNames_AndStandardIsTheDocumentedDefault()
    {
        Assert.That(FeatureScaling.Names, Is.EqualTo(new[] { "standard", "minmax", "none" }));
        Assert.That(new TrainingSpec { Target = "y" }.Scaling, Is.EqualTo(FeatureScaling.StandardName));
        Assert.That(FeatureScaling.Get("minmax"), Is.SameAs(FeatureScaling.MinMax));
        Assert.That(() => FeatureScaling.Get("MinMax"), Throws.ArgumentException.With.Message.Contain("Expected one of: standard, minmax, none"));
    }

    [Test]
    public void FeatureColumn_DefaultsToStandard_WithTheOffsetAsFill()
    {
        var column = new FeatureColumn("a", FeatureColumn.Numeric, 0.5, 2, []);

        Assert.That(column.Scaling, Is.EqualTo("standard"));
        Assert.That(column.Fill, Is.EqualTo(0.5));
        Assert.That(column.Encode(4.5), Is.EqualTo((4.5 - 0.5) / 2));
    }

    [Test]
    public void ValueTooFarToScale_IsADataError_InTheScalingsWords()
    {
        // (1e308 + 1.7e308) / 1e-300 overflows, and so does 1e308 / 1e-300: no finite input exists.
        var column = new FeatureColumn("x", FeatureColumn.Numeric, -1.7e308, 1e-300, []) { Scaling = FeatureScaling.MinMaxName };
        var target = new TargetEncoding("y", TargetEncoding.Classification, ["a", "b"], 0, 1, TargetEncoding.BinaryLoss);
        var table = CsvTableReader.Read(_files.Write("far.csv", "x\n1e308\n"), wide: true);

        var e = Assert.Throws<DataException>(() => new DataEncoder([column], target, ValueParser.Invariant, MissingPolicy.Error).Encode(table, targetRequired: false));

        Assert.That(e!.Message, Does.EndWith("column 'x' value '1e308' is too far from the training values (minmax scaling: min -1.7E+308, range 1E-300) to scale"));
    }
}
