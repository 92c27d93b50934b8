using NeuralNet.Core.Models;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Cli;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Persistence;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;

using NeuralNet.Tests.Cli;
namespace NeuralNet.Tests.Models;

public class ModelFileTests
{
    private CliHarness _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new CliHarness();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static readonly FeatureColumn[] Features =
    [
        new("a", FeatureColumn.Numeric, 0.5, 2, []),
        new("b", FeatureColumn.Numeric, -1, 3, []),
        new("color", FeatureColumn.Categorical, 0, 1, ["blue", "red"]),
    ];

    private static readonly TargetEncoding Target = new("y", TargetEncoding.Classification, ["p", "q", "r"], 0, 1, TargetEncoding.SoftmaxLoss);

    [TestCase("float", "relu", false)]
    [TestCase("double", "leaky-relu", false)]
    [TestCase("float", "prelu", true)]
    public void SavedAndLoaded_PredictsBitForBitTheSame(string precision, string activation, bool perUnit)
    {
        var spec = new MlpSpec(4, [7, 5], 3, new ActivationSpec(activation, null, perUnit));
        var network = Network.Create(spec, precision, new Rng(42));
        // Values with long binary expansions, so any loss of digits would show.
        var rng = new Rng(7);
        network.SetParameterValues(network.ParameterValues().Select(v => v.Select(_ => rng.NextGaussian() / 3).Select(Round(precision)).ToArray()).ToList());
        var x = Matrix<double>.Build.Dense(50, 4, (i, j) => rng.NextGaussian());
        string path = _dir.PathOf("model.json");

        ModelStore.Save(path, ModelMapper.ToDocument(network, Features, Target, 42, new TrainingSettingsDocument(), []));
        var loaded = Model.Load(path);

        var before = network.Predict(x, Target.Loss).ToColumnMajorArray();
        var after = loaded.Network.Predict(x, Target.Loss).ToColumnMajorArray();
        Assert.That(after.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(before.Select(BitConverter.DoubleToInt64Bits)));
        Assert.That(loaded.Network.ParameterValues(), Is.EqualTo(network.ParameterValues()));
        Assert.That(loaded.Features, Is.EqualTo(Features).Using<FeatureColumn>((p, q) => p.Name == q.Name && p.Categories.SequenceEqual(q.Categories)));
        Assert.That(loaded.Document.Precision, Is.EqualTo(precision));
    }

    private static Func<double, double> Round(string precision) => v => precision == "float" ? (float)v : v;

    [Test]
    public void UnknownSchemaVersion_IsRefused()
    {
        string path = _dir.Write("future.json", """{ "format": "neuralnet-mlp", "schemaVersion": 99, "layers": [] }""");

        var e = Assert.Throws<ModelFileException>(() => ModelStore.Load(path))!;
        Assert.That(e.Message, Is.EqualTo($"{path}: model schema version 99 is not supported; this tool reads versions 1 to 3"));
    }

    [TestCase("""{ "hello": "world" }""")]
    [TestCase("sepal_length,species\n1,setosa\n")]
    [TestCase("")]
    public void NotAModel_IsRefused(string content)
    {
        string path = _dir.Write("notamodel.json", content);

        var e = Assert.Throws<ModelFileException>(() => ModelStore.Load(path))!;

        Assert.That(e.Message, Does.StartWith($"{path}: not a neuralnet model file"));
    }

    [Test]
    public void EvaluateWithANonModel_IsOneLineOnStderr()
    {
        string path = _dir.Write("notamodel.json", "[1, 2, 3]");

        var run = CliHarness.Run("evaluate", path, CliHarness.IrisPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("error: ").And.Contain("not a neuralnet model file"));
    }

    [Test]
    public void Save_IsAtomic_AndRefusesNonFiniteWeights()
    {
        string path = _dir.Write("model.json", "old");
        var network = Network.Create(new MlpSpec(4, [3], 3, ActivationSpec.Relu), "float", new Rng(1));
        var values = network.ParameterValues().ToList();
        values[0][0] = double.NaN;
        network.SetParameterValues(values);

        Assert.Throws<ModelFileException>(() => ModelStore.Save(path, ModelMapper.ToDocument(network, Features, Target, 1, new TrainingSettingsDocument(), [])));
        Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
    }
}
