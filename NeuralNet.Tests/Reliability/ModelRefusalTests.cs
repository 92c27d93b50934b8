using System.Text.Json.Nodes;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// A corrupt, truncated, wrong-version or mismatched model file is refused by evaluate, predict and inspect with one
/// clear line and exit code 2; and a failed train run leaves an existing model file byte-identical.
/// </summary>
[NonParallelizable]
public class ModelRefusalTests
{
    private CliHarness _dir = null!;
    private string _model = null!;
    private byte[] _valid = null!;

    [OneTimeSetUp]
    public void TrainValidModel()
    {
        _dir = new CliHarness();
        _model = _dir.PathOf("model.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "4", "--seed", "1", "-q", "--out", _model);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        _valid = File.ReadAllBytes(_model);
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (string command in new[] { "evaluate", "predict", "inspect" })
        {
            yield return new TestCaseData(command, "corrupt", "not a neuralnet model file").SetName($"{command}_CorruptModel");
            yield return new TestCaseData(command, "truncated", "not a neuralnet model file").SetName($"{command}_TruncatedModel");
            yield return new TestCaseData(command, "version", "model schema version 99 is not supported; this tool reads versions 1 to 3").SetName($"{command}_WrongVersion");
            yield return new TestCaseData(command, "shape", "the model file is inconsistent (parameter 'layers.0.weight' has shape [4, 3]; the network needs [4, 4])").SetName($"{command}_InconsistentShapes");
            yield return new TestCaseData(command, "renamed", "the model file is inconsistent (unknown parameter 'layers.0.weights'; the layers need layers.0.weight, layers.0.bias, layers.1.weight, layers.1.bias)").SetName($"{command}_RenamedParameter");
            yield return new TestCaseData(command, "missing", "the model file is inconsistent (parameter 'layers.1.bias' is missing)").SetName($"{command}_MissingParameter");
            yield return new TestCaseData(command, "mismatch", "missing feature column(s) 'sepal_length', 'sepal_width', 'petal_length', 'petal_width'").SetName($"{command}_ColumnsDifferFromData");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void BadModel_IsRefused(string command, string damage, string expected)
    {
        string text = Encoding.UTF8.GetString(_valid);
        string path = _dir.PathOf($"{command}-{damage}.json");
        string data = CliHarness.IrisPath;
        switch (damage)
        {
            case "corrupt": File.WriteAllBytes(path, [.. _valid[..100], 0xFF, 0x00, .. _valid[102..]]); break;
            case "truncated": File.WriteAllBytes(path, _valid[..(_valid.Length / 2)]); break;
            case "version": File.WriteAllText(path, text.Replace($"\"schemaVersion\": {ModelDocument.CurrentSchemaVersion}", "\"schemaVersion\": 99")); break;
            case "shape": File.WriteAllText(path, Damage(text, p => p["layers.0.weight"]!["shape"] = new JsonArray(4, 3))); break;
            case "renamed": File.WriteAllText(path, Damage(text, p => p["layers.0.weights"] = p["layers.0.weight"]!.DeepClone(), p => p.Remove("layers.0.weight"))); break;
            case "missing": File.WriteAllText(path, Damage(text, p => p.Remove("layers.1.bias"))); break;
            default:
                File.WriteAllBytes(path, _valid);
                data = Path.Combine(CorpusTests.CorpusFolder, "train-two-classes.csv");
                break;
        }
        string[] args = command switch
        {
            "predict" => ["predict", path, data, "--out", _dir.PathOf("preds.csv")],
            _ => [command, path, data],
        };

        var run = CliHarness.Run(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain(expected), run.ToString());
        Assert.That(run.ErrorLines[0], Does.Contain(damage == "mismatch" ? data : path), "the message names the file");
        Assert.That(File.Exists(_dir.PathOf("preds.csv")), Is.False, "predict wrote output although the model was refused");
    }

    [Test]
    public void InspectWithoutData_RefusesACorruptModel()
    {
        string path = _dir.PathOf("inspect-only.json");
        File.WriteAllBytes(path, _valid[..(_valid.Length - 10)]);

        var run = CliHarness.Run("inspect", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString());
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString());
    }

    [Test]
    public void DivergedRun_LeavesTheExistingModelByteIdentical()
    {
        string path = _dir.PathOf("keep.json");
        File.WriteAllBytes(path, _valid);

        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "3",
            "--seed", "1", "-q", "--out", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Diverged), run.ToString());
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(_valid));
        Assert.That(Directory.GetFiles(_dir.Folder, ".keep.json.*"), Is.Empty, "a temporary file was left behind");
    }

    /// <summary>Applies <paramref name="edits"/> to the file's named parameters.</summary>
    private static string Damage(string json, params Action<JsonObject>[] edits)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var parameters = root["parameters"]!.AsObject();
        foreach (var edit in edits) edit(parameters);
        return root.ToJsonString();
    }
}
