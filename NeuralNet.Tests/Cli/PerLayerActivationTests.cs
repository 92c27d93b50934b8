using System.Text.Json;
using NeuralNet.Cli;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Cli;

/// <summary>Issue 11 part 4: one activation per hidden layer, and layers numbered from 0 in the library and the reports alike.</summary>
public class PerLayerActivationTests
{
    [Test]
    public void TrainingSpec_OneNameForAll_OrOnePerLayer()
    {
        var spec = new TrainingSpec { Target = "y", Hidden = [8, 6, 4], Activation = "relu" };
        Assert.That(spec.HiddenActivationNames(), Is.EqualTo(new[] { "relu", "relu", "relu" }));
        Assert.That((spec with { Activation = "relu, prelu,tanh" }).HiddenActivationNames(), Is.EqualTo(new[] { "relu", "prelu", "tanh" }));
        Assert.Throws<SpecException>(() => (spec with { Activation = "relu,prelu" }).HiddenActivationNames());
        Assert.Throws<SpecException>(() => (spec with { Activation = "relu,swish,tanh" }).HiddenActivationNames());
    }

    [Test]
    public void MlpSpec_BuildsEachLayerWithItsOwnActivation()
    {
        var spec = new MlpSpec(3, [5, 4], 2, ActivationSpec.Relu, HiddenActivations: [ActivationSpec.Relu, ActivationSpec.PRelu]);
        var mlp = Mlp<double>.Create(spec, new Rng(1));

        Assert.That(mlp.Layers.Select(l => l.Activation.Name), Is.EqualTo(new[] { "relu", "prelu", "identity" }));
        Assert.That(spec.HiddenActivationOf(1), Is.EqualTo(ActivationSpec.PRelu));
        Assert.Throws<ArgumentException>(() => Mlp<double>.Create(spec with { HiddenActivations = [ActivationSpec.Relu] }, new Rng(1)));
    }

    [Test]
    public void Train_WithTwoActivations_StoresThemPerLayer_AndTheModelLoadsBackTheSame()
    {
        using var h = new CliHarness();
        string model = h.PathOf("m.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "5,4", "-a", "relu,prelu", "-e", "2", "-s", "3", "-o", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString);
        var loaded = Model.Load(model);
        Assert.That(loaded.Document.Layers.Select(l => l.Activation), Is.EqualTo(new[] { "relu", "prelu", "identity" }));
        Assert.That(loaded.Network.Spec.LayerActivations.Select(a => a.Name), Is.EqualTo(new[] { "relu", "prelu", "identity" }));
        // PReLU's α lives in hidden layer 1 only: names count from 0 (layer1.alpha here, layers.1.alpha in the file).
        Assert.That(loaded.Network.ParameterNames.Where(n => n.EndsWith(".alpha")), Is.EqualTo(new[] { "layer1.alpha" }));
    }

    [Test]
    public void ActivationCount_NotMatchingTheLayers_IsAUsageError()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "5,4,3", "-a", "relu,prelu");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Error, Does.Contain("2 activations for 3 hidden layers"));
    }

    [Test]
    public void UnknownActivationInAList_IsNamed_WithASuggestion()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "5,4", "-a", "relu,prleu");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Error, Does.Contain("'prleu'").And.Contain("did you mean 'prelu'?"));
    }

    [Test]
    public void ReportAndLibrary_NumberLayersFromZero()
    {
        using var h = new CliHarness();
        string model = h.PathOf("m.json");
        // bias -100 kills every unit of both hidden layers (each input is a few cm at most): both layers are in the report.
        var run = CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "4,3", "--bias-init", "-100", "-e", "1", "-s", "1", "-o", model, "--json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString);
        using var json = JsonDocument.Parse(run.Output);
        var reported = json.RootElement.GetProperty("deadNeurons").EnumerateArray().Select(l => (l.GetProperty("layer").GetInt32(), l.GetProperty("units").GetInt32())).ToList();

        var loaded = Model.Load(model);
        var library = loaded.Network.Activity(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 4)).Select(a => (a.Layer, a.Units)).ToList();

        Assert.That(reported, Is.EqualTo(new[] { (0, 4), (1, 3) }));
        Assert.That(library, Is.EqualTo(reported));
        var text = CliHarness.Run("inspect", model);
        Assert.That(text.Output, Does.Match(@"\n  0 +4 +4 +relu"), "inspect's table starts at layer 0");
    }
}
