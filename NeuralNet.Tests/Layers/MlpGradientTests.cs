using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Tests.Layers;

/// <summary>Every parameter of a whole three-layer network (two hidden layers and the output layer) against central differences of the loss.</summary>
public class MlpGradientTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (string loss in new[] { "softmax-cross-entropy", "mse" })
        {
            yield return Case(new ActivationSpec("relu"), loss);
            yield return Case(new ActivationSpec("leaky-relu", 0.1), loss);
            yield return Case(new ActivationSpec("prelu"), loss);
            yield return Case(new ActivationSpec("prelu", PerUnitAlpha: true), loss);
            yield return Case(new ActivationSpec("tanh"), loss);
            yield return Case(new ActivationSpec("sigmoid"), loss);
        }
        yield return Case(new ActivationSpec("relu"), "binary-cross-entropy");
    }

    private static TestCaseData Case(ActivationSpec hidden, string loss)
        => new TestCaseData(hidden, loss).SetArgDisplayNames(hidden.Name + (hidden.PerUnitAlpha ? " per unit" : ""), loss);

    [TestCaseSource(nameof(Cases))]
    public void Backward_MatchesCentralDifferences_ForEveryParameter(ActivationSpec hidden, string lossName)
    {
        const int rows = 8;
        var rng = new Rng(31);
        int outputs = lossName == "binary-cross-entropy" ? 1 : 3;
        var net = Mlp<double>.Create(new MlpSpec(4, [5, 4], outputs, hidden, HiddenBias: 0.1), rng);
        if (hidden.PerUnitAlpha)
            foreach (var layer in net.HiddenLayers)
                for (int j = 0; j < layer.Units; j++) ((PRelu<double>)layer.Activation).Alpha.Value[j] = rng.NextUniform(0.05, 0.5);
        var x = GradientCheck.Uniform(rng, rows, 4, -2, 2);
        var y = Targets(lossName, rng, rows, outputs);
        var loss = LossRegistry.Create<double>(lossName);
        double Objective() => loss.Compute(net.Forward(x), y, null);

        net.ZeroGrad();
        var output = net.Forward(x);
        foreach (var layer in net.HiddenLayers)
            Assert.That(layer.LastPreActivation.Enumerate().Min(Math.Abs), Is.GreaterThan(1e-3), "z too close to the kink for ±h");
        var grad = Matrix<double>.Build.Dense(rows, outputs);
        loss.Compute(output, y, grad);
        net.Backward(grad);

        Assert.That(net.Layers, Has.Count.EqualTo(3));
        foreach (var p in net.Parameters)
            GradientCheck.AssertGradient(p.Name, Objective, p.Value, p.Gradient);
    }

    private static Matrix<double> Targets(string loss, Rng rng, int rows, int outputs) => loss switch
    {
        "softmax-cross-entropy" => Matrix<double>.Build.Dense(rows, outputs, (i, c) => c == i % outputs ? 1 : 0),
        "binary-cross-entropy" => Matrix<double>.Build.Dense(rows, outputs, (i, _) => i % 2),
        _ => GradientCheck.Uniform(rng, rows, outputs),
    };
}
