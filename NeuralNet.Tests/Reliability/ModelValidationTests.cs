using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Model files are validated completely and consistently: inspect and predict refuse the same edits; names bind
/// exactly; a model whose outputs overflow is an error naming the row; devices and padded files are not read whole.
/// </summary>
[NonParallelizable]
public class ModelValidationTests
{
    private CliHarness _dir = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainValidModel()
    {
        _dir = new CliHarness();
        _model = _dir.PathOf("model.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "5,3", "--seed", "1", "-q", "--out", _model);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    private static IEnumerable<TestCaseData> Edits()
    {
        TestCaseData C(string name, string expected, Action<JsonObject> edit) => new TestCaseData(edit, expected).SetName($"Model_{name}");
        // Hidden layers may differ (per-layer activations); a layer turned into prelu without its slopes may not.
        yield return C("SecondHiddenLayerMadePreluWithoutSlopes", "parameter 'layers.1.alpha' is missing", d => d["layers"]![1]!["activation"] = "prelu");
        yield return C("DuplicateFeature", "feature 'sepal_length' is listed twice", d => d["features"]![1]!["name"] = "sepal_length");
        yield return C("DuplicateClass", "class 'setosa' is listed twice", d => d["target"]!["classes"]![1] = "setosa");
        yield return C("EmptyFeatureName", "a feature has an empty name", d => d["features"]![0]!["name"] = "");
        yield return C("EmptyClassName", "a class has an empty name", d => d["target"]!["classes"]![1] = "");
        yield return C("FeatureNamedAsTarget", "'species' is both a feature and the target", d => d["features"]![0]!["name"] = "species");
        yield return C("UnknownScaling", "feature 'sepal_length' has an unknown scaling 'robust'; expected one of standard, minmax, none", d => d["features"]![0]!["scaling"] = "robust");
        yield return C("BinaryLossWithThreeClasses", "loss 'binary-cross-entropy' needs exactly two classes, the target lists 3", d => d["loss"] = "binary-cross-entropy");
    }

    [TestCaseSource(nameof(Edits))]
    public void EditedModel_IsRefusedByInspectAndPredictAlike(Action<JsonObject> edit, string expected)
    {
        var doc = JsonNode.Parse(File.ReadAllText(_model))!.AsObject();
        edit(doc);
        string path = _dir.Write("edited.json", doc.ToJsonString());
        string preds = _dir.PathOf("preds.csv");
        foreach (string[] args in new[] { ["inspect", path], ["predict", path, CliHarness.IrisPath, "--out", preds], new[] { "evaluate", path, CliHarness.IrisPath } })
        {
            var run = CliHarness.Run(args);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), $"{args[0]}: {run}");
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
            Assert.That(run.ErrorLines[0], Does.Contain(expected), run.ToString());
        }
        Assert.That(File.Exists(preds), Is.False);
    }

    [TestCase("[1]", "the document is not a JSON object")]
    [TestCase("{\"format\": 5}", "a value of the wrong kind at $.format")]
    public void ModelOfTheWrongShape_IsDescribed_WithoutDotNetTypeNames(string json, string expected)
    {
        string path = _dir.Write("shape.json", json);

        var run = CliHarness.Run("inspect", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain(expected).And.Not.Contain("System.").And.Not.Contain("NeuralNet.Core"));
    }

    [Test]
    public void FeatureNames_BindExactly_NotIgnoringCase()
    {
        var doc = JsonNode.Parse(File.ReadAllText(_model))!.AsObject();
        doc["features"]![0]!["name"] = "SEPAL_LENGTH";
        string path = _dir.Write("upper.json", doc.ToJsonString());

        var run = CliHarness.Run("predict", path, CliHarness.IrisPath, "--out", _dir.PathOf("upper.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain("missing feature column(s) 'SEPAL_LENGTH'"));
    }

    /// <summary>Float weights of 3e38 are finite, but the products overflow: a row whose inputs sum above zero gives ∞ − ∞ = NaN in the softmax.</summary>
    [Test]
    public void OverflowingWeights_AreAnErrorNamingTheRow_NotNaNOutput()
    {
        var doc = JsonNode.Parse(File.ReadAllText(_model))!.AsObject();
        foreach (string name in new[] { "layers.0.weight", "layers.1.weight", "layers.2.weight" })
        {
            var weight = doc["parameters"]![name]!;
            int count = weight["shape"]!.AsArray().Aggregate(1, (n, d) => n * (int)d!);
            var huge = Enumerable.Repeat(3e38f, count).ToArray();
            weight["data"] = Convert.ToBase64String(MemoryMarshal.AsBytes(huge.AsSpan()));
        }
        string path = _dir.Write("huge.json", doc.ToJsonString());
        string preds = _dir.PathOf("huge.csv");

        var predict = CliHarness.Run("predict", path, CliHarness.IrisPath, "--out", preds);
        var evaluate = CliHarness.Run("evaluate", path, CliHarness.IrisPath, "--json");

        foreach (var run in new[] { predict, evaluate })
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
            Assert.That(run.ErrorLines[0], Does.Match($@"^error: {Regex.Escape(CliHarness.IrisPath)}:\d+: the model {Regex.Escape(path)} gives (NaN|an infinite value) for this row"), run.ToString());
        }
        Assert.That(File.Exists(preds), Is.False);
        Assert.That(evaluate.Output, Is.Empty, "no JSON with NaN in it");
    }

    [TestCase("inspect")]
    [TestCase("predict")]
    public void DeviceAsModel_IsRefusedWithoutReadingIt(string command)
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("/dev/zero is a Linux device");
        var run = CliHarness.Run(command == "inspect" ? ["inspect", "/dev/zero"] : ["predict", "/dev/zero", CliHarness.IrisPath, "--out", _dir.PathOf("z.csv")]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines[0], Is.EqualTo("error: /dev/zero: is a character device, not a regular file; a model file must be a regular file"));
    }

    [Test]
    public void PaddedModel_IsRefusedAsLargerThanItsShapes()
    {
        string text = File.ReadAllText(_model);
        string path = _dir.Write("padded.json", text[..^2] + new string(' ', 2 << 20) + text[^2..]);
        var run = CliHarness.Run("inspect", path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain("more than its declared shapes need"));
    }
}
