using System.Text.Json.Nodes;
using NeuralNet.Core;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>Schema version 2: parameters by name in float32 (or float64) blocks; version 1 files still load.</summary>
public sealed class ModelFileV2Tests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <summary>A schema-1 model written by the tool before version 2 (iris, one prelu layer of 3 units).</summary>
    private static string V1Fixture => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.IrisPath))!, "NeuralNet.Tests", "Models", "Fixtures", "iris-v1.json");

    [Test]
    public void Version1File_LoadsWithTheValuesItHolds()
    {
        var json = JsonNode.Parse(File.ReadAllText(V1Fixture))!;
        var firstWeights = json["layers"]![0]!["weights"]!.AsArray(); // [inputs][units]

        var model = Model.Load(V1Fixture);

        Assert.That(model.Document.SchemaVersion, Is.EqualTo(1));
        double[] w = model.Network.ParameterValues()[0]; // the network keeps [units, inputs]
        int inputs = firstWeights.Count, units = firstWeights[0]!.AsArray().Count;
        for (int i = 0; i < inputs; i++)
            for (int j = 0; j < units; j++) Assert.That(w[j * inputs + i], Is.EqualTo(firstWeights[i]![j]!.GetValue<double>()));
        Assert.That(model.Predict(CliHarness.IrisPath), Has.Count.EqualTo(150));
    }

    [Test]
    public void Version1File_SavedAgain_IsTheCurrentVersionWithTheSameBits()
    {
        var v1 = Model.Load(V1Fixture);
        string path = _dir.PathOf("v2.json");

        v1.Save(path);
        var v2 = Model.Load(path);

        Assert.That(v2.Document.SchemaVersion, Is.EqualTo(ModelDocument.CurrentSchemaVersion));
        Assert.That(v2.Network.ParameterValues().SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits),
            Is.EqualTo(v1.Network.ParameterValues().SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits)));
    }

    [TestCase("float", "float32", 4)]
    [TestCase("double", "float64", 8)]
    public void Parameters_AreNamedBlocksOfThePrecisionsType(string precision, string dtype, int bytes)
    {
        string path = _dir.PathOf("m.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--hidden", "5", "--activation", "prelu", "--epochs", "1",
            "--seed", "2", "--precision", precision, "--out", path, "-q");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var parameters = json["parameters"]!.AsObject();

        Assert.That(json["schemaVersion"]!.GetValue<int>(), Is.EqualTo(ModelDocument.CurrentSchemaVersion));
        Assert.That(parameters.Select(p => p.Key), Is.EqualTo(new[] { "layers.0.weight", "layers.0.bias", "layers.0.alpha", "layers.1.weight", "layers.1.bias" }));
        Assert.That(parameters["layers.0.weight"]!["shape"]!.AsArray().Select(d => d!.GetValue<int>()), Is.EqualTo(new[] { 5, 4 }));
        Assert.That(parameters.Select(p => p.Value!["dtype"]!.GetValue<string>()), Is.All.EqualTo(dtype));
        Assert.That(Convert.FromBase64String(parameters["layers.1.weight"]!["data"]!.GetValue<string>()), Has.Length.EqualTo(3 * 5 * bytes));
        Assert.That(json["layers"]![0]!["weights"], Is.Null, "values are stored once, in the named blocks");
    }

    [Test]
    public void RenamedParameter_IsRefusedWithItsName()
    {
        string path = _dir.PathOf("m.json");
        Model.Load(V1Fixture).Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var parameters = json["parameters"]!.AsObject();
        parameters["layers.0.prelu"] = parameters["layers.0.alpha"]!.DeepClone();
        parameters.Remove("layers.0.alpha");
        File.WriteAllText(path, json.ToJsonString());

        var e = Assert.Throws<ModelFileException>(() => Model.Load(path))!;

        Assert.That(e.Message, Does.Contain("unknown parameter 'layers.0.prelu'"));
        Assert.That(e.File, Is.EqualTo(path));
    }
}
