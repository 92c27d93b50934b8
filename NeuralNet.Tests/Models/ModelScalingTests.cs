using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Models;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>
/// The scaling of each numeric feature in the model file: it round-trips, files written before it existed (schema 1
/// and 2) load as standard, and a bad value is refused like other bad model fields.
/// </summary>
public sealed class ModelScalingTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static readonly TargetEncoding Target = new("y", TargetEncoding.Classification, ["p", "q", "r"], 0, 1, TargetEncoding.SoftmaxLoss);

    private static FeatureColumn[] Features(string scaling) =>
    [
        // Offsets, scales and fills with long binary expansions, so any loss of digits would show.
        new("a", FeatureColumn.Numeric, scaling == "none" ? 0 : 0.1, scaling == "none" ? 1 : 2.7, []) { Scaling = scaling, Fill = 1.0 / 3 },
        new("b", FeatureColumn.Numeric, scaling == "none" ? 0 : -1.3, scaling == "none" ? 1 : 0.7, []) { Scaling = scaling, Fill = -2.0 / 7 },
        new("color", FeatureColumn.Categorical, 0, 1, ["blue", "red"]),
    ];

    private static Network NewNetwork() => Network.Create(new MlpSpec(4, [5], 3, new ActivationSpec("relu")), "double", new Rng(3));

    [TestCase("standard")]
    [TestCase("minmax")]
    [TestCase("none")]
    public void Scaling_RoundTrips_AndPredictUsesIt(string scaling)
    {
        var features = Features(scaling);
        string path = _dir.PathOf("model.json");

        ModelStore.Save(path, ModelMapper.ToDocument(NewNetwork(), features, Target, 1, new TrainingSettingsDocument(), []));
        var model = Model.Load(path);

        var json = JsonNode.Parse(File.ReadAllText(path))!["features"]!.AsArray();
        Assert.That(json.Take(2).Select(f => f!["scaling"]!.GetValue<string>()), Is.All.EqualTo(scaling));
        Assert.That(json[2]!["scaling"], Is.Null, "a categorical column has no scaling");
        for (int c = 0; c < 2; c++)
        {
            var (saved, loaded) = (features[c], model.Features[c]);
            Assert.That((loaded.Scaling, loaded.Offset, loaded.Scale, loaded.Fill), Is.EqualTo((saved.Scaling, saved.Offset, saved.Scale, saved.Fill)), saved.Name);
        }
        // The row [a, b, color = red] by hand: (value − offset) / scale, then one-hot.
        float[] row = [4.25f, -0.5f, 1];
        var x = Matrix<double>.Build.DenseOfRowArrays([Scaled(row[0], features[0]), Scaled(row[1], features[1]), 0, 1]);
        var expected = model.Network.Predict(x, Target.Loss).Row(0).ToArray();
        Assert.That(model.Predict(row).Probabilities, Is.EqualTo(expected));
    }

    private static double Scaled(double value, FeatureColumn f) => (value - f.Offset) / f.Scale;

    /// <summary>A schema-1 model and a schema-2 model, both written before features had a scaling.</summary>
    [TestCase("iris-v1.json")]
    [TestCase("iris-v2.json")]
    public void FileWithoutScaling_LoadsAsStandard_WithTheMeanAsOffset(string fixture)
    {
        string path = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.IrisPath))!, "NeuralNet.Tests", "Models", "Fixtures", fixture);
        var json = JsonNode.Parse(File.ReadAllText(path))!["features"]!.AsArray();
        Assert.That(json.Select(f => f!["scaling"]), Is.All.Null, "the fixture predates scaling");

        var model = Model.Load(path);

        var row = new float[] { 5.9f, 3.1f, 4.2f, 1.3f };
        var x = Matrix<double>.Build.Dense(1, 4);
        for (int c = 0; c < 4; c++)
        {
            double mean = json[c]!["mean"]!.GetValue<double>(), scale = json[c]!["scale"]!.GetValue<double>();
            Assert.That((model.Features[c].Scaling, model.Features[c].Offset, model.Features[c].Fill, model.Features[c].Scale),
                Is.EqualTo((FeatureScaling.StandardName, mean, mean, scale)));
            x[0, c] = (row[c] - mean) / scale;
        }
        Assert.That(model.Predict(row).Probabilities, Is.EqualTo(model.Network.Predict(x, model.Target.Loss).Row(0).ToArray()));
    }

    [TestCase("robust", "feature 'a' has an unknown scaling 'robust'; expected one of standard, minmax, none")]
    [TestCase("none", "feature 'a' has scaling 'none' with an offset other than 0 or a scale other than 1")]
    public void BadScaling_IsRefused(string scaling, string expected)
    {
        var doc = ModelMapper.ToDocument(NewNetwork(), Features("minmax"), Target, 1, new TrainingSettingsDocument(), []);
        var edited = doc with { Features = [doc.Features[0] with { Scaling = scaling }, .. doc.Features.Skip(1)] };

        Assert.That(ModelValidator.Problem(doc), Is.Null);
        Assert.That(ModelValidator.Problem(edited), Is.EqualTo(expected));
    }

    [Test]
    public void ScalingWithoutOffset_IsRefused()
    {
        var doc = ModelMapper.ToDocument(NewNetwork(), Features("none"), Target, 1, new TrainingSettingsDocument(), []);
        var edited = doc with { Features = [doc.Features[0] with { Offset = null }, .. doc.Features.Skip(1)] };

        Assert.That(ModelValidator.Problem(edited), Does.StartWith("numeric feature 'a' has a scaling but no offset"));
    }

    [TestCase("minmax")]
    [TestCase("none")]
    public void ScaleNotAboveZero_IsRefusedUnderEveryScaling(string scaling)
    {
        var doc = ModelMapper.ToDocument(NewNetwork(), Features(scaling), Target, 1, new TrainingSettingsDocument(), []);
        var edited = doc with { Features = [doc.Features[0] with { Scale = 0 }, .. doc.Features.Skip(1)] };

        Assert.That(ModelValidator.Problem(edited), Is.EqualTo("feature 'a' has a non-finite mean or a scale that is not > 0"));
    }
}
