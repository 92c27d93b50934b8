using NeuralNet.Core.Models;
using NeuralNet.Core.Training;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Cli;

public class AlphaTraceTests
{
    [Test]
    public void Record_ReadsEachPReluLayersAlpha_AndNothingForReLU()
    {
        var prelu = Network.Create(new MlpSpec(2, [3, 4], 1, new ActivationSpec("prelu", 0.3, PerUnitAlpha: true)), "double", new Rng(1));
        var trace = new AlphaTrace(prelu);
        trace.Record(0);

        Assert.That(trace.HasAlpha, Is.True);
        Assert.That(trace.Snapshots[0].Layers.Select(l => l.Length), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(trace.Snapshots[0].Layers.SelectMany(l => l), Is.All.EqualTo(0.3));
        Assert.That(new AlphaTrace(Network.Create(new MlpSpec(2, [3], 1, ActivationSpec.Relu), "double", new Rng(1))).HasAlpha, Is.False);
    }
}
