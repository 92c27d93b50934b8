using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Optimizers;
using static NeuralNet.Tests.Training.Optimizers.OptimizerTestKit;

namespace NeuralNet.Tests.Training.Optimizers;

/// <summary>Adam and AdamW against PyTorch's algorithm (the equations in Adam's XML docs), followed by hand.</summary>
public class AdamTests
{
    private const double Tol = 1e-12;

    [Test]
    public void Defaults_ArePyTorchs()
    {
        var adam = new Adam<double>([Scalar("w", 1)]);
        Assert.That((adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.Decoupled),
            Is.EqualTo((1e-3, 0.9, 0.999, 1e-8, 0.0, false)));
        Assert.That(adam.Name, Is.EqualTo("adam"));
        var adamw = (Adam<double>)OptimizerRegistry.Create("adamw", [Scalar("w", 1)], 1e-3, weightDecay: 0.01);
        Assert.That((adamw.Name, adamw.Decoupled, adamw.WeightDecay), Is.EqualTo(("adamw", true, 0.01)));
    }

    [Test]
    public void Adam_TwoSteps()
    {
        // η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, w₀ = 1.
        // Step 1, g = 0.5: m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 0.00025, m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25,
        //   w₁ = 1 − 0.1·0.5/(√0.25 + ε) = 1 − 0.05/0.50000001.
        // Step 2, g = −0.25: m = 0.9·0.05 + 0.1·(−0.25) = 0.02, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225,
        //   m̂ = 0.02/(1 − 0.9²) = 0.02/0.19, v̂ = 0.00031225/(1 − 0.999²) = 0.00031225/0.001999,
        //   w₂ = w₁ − 0.1·m̂/(√v̂ + ε).
        var w = Scalar("w", 1);
        var adam = new Adam<double>([w], 0.1);
        StepWith(adam, 0.5);
        double w1 = 1 - 0.05 / 0.50000001;
        Assert.That(w.Value[0], Is.EqualTo(w1).Within(Tol));
        StepWith(adam, -0.25);
        double w2 = w1 - 0.1 * (0.02 / 0.19) / (Math.Sqrt(0.00031225 / 0.001999) + 1e-8);
        Assert.That(w.Value[0], Is.EqualTo(w2).Within(Tol));
        Assert.That(adam.State["w.m"], Is.EqualTo(new[] { 0.02 }).Within(1e-15));
        Assert.That(adam.State["w.v"], Is.EqualTo(new[] { 0.00031225 }).Within(1e-15));
    }

    [Test]
    public void Adam_WeightDecay_IsL2FoldedIntoTheGradient()
    {
        // λ = 0.1: g = 0.5 + 0.1·1 = 0.6, so m̂ = 0.6, v̂ = 0.36 and w = 1 − 0.1·0.6/(0.6 + ε).
        var w = Scalar("w", 1);
        StepWith(new Adam<double>([w], 0.1, weightDecay: 0.1), 0.5);
        Assert.That(w.Value[0], Is.EqualTo(1 - 0.06 / 0.60000001).Within(Tol));
    }

    [Test]
    public void AdamW_DecaysDecoupled_AndOnlyParametersThatAskForIt()
    {
        // λ = 0.1, η = 0.1: w ← w·(1 − ηλ) = 0.99, then the Adam step 0.1·0.5/(0.5 + ε): 0.99 − 0.05/0.50000001.
        // The bias (ApplyWeightDecay false) only takes the Adam step: 1 − 0.05/0.50000001.
        var w = Scalar("w", 1);
        var b = Scalar("b", 1, decay: false);
        StepWith(new Adam<double>([w, b], 0.1, weightDecay: 0.1, decoupled: true), 0.5, 0.5);
        Assert.That(w.Value[0], Is.EqualTo(0.99 - 0.05 / 0.50000001).Within(Tol));
        Assert.That(b.Value[0], Is.EqualTo(1 - 0.05 / 0.50000001).Within(Tol));
    }

    [Test]
    public void AdamW_OnANetwork_ShrinksWeightsButNotBiasesOrPReluAlpha()
    {
        // With zero gradients the Adam step is 0/(0 + ε) = 0, so two steps leave w·(1 − ηλ)² = w·0.99² and the rest untouched.
        var net = Mlp<double>.Create(new MlpSpec(3, [4], 2, new ActivationSpec("prelu", PerUnitAlpha: true), HiddenBias: 0.5), new Rng(1));
        var before = net.CopyValues();
        var adamw = new Adam<double>(net.Parameters, 0.1, weightDecay: 0.1, decoupled: true);
        adamw.Step();
        adamw.Step();
        for (int i = 0; i < net.Parameters.Count; i++)
        {
            var p = net.Parameters[i];
            double factor = p.ApplyWeightDecay ? 0.99 * 0.99 : 1;
            Assert.That(p.Value, Is.EqualTo(before[i].Select(v => v * factor)).Within(1e-15), p.Name);
        }
        Assert.That(net.Parameters.Where(p => p.ApplyWeightDecay).Select(p => p.Name), Is.EqualTo(new[] { "layer0.weights", "layer1.weights" }));
    }

    [Test]
    public void RestoreState_ResumesExactly()
    {
        var a = Scalar("w", 1);
        var first = new Adam<double>([a], 0.1);
        StepWith(first, 0.5);
        StepWith(first, -0.25);
        var b = Scalar("w", a.Value[0]);
        var second = new Adam<double>([b], 0.1);
        second.RestoreState(first.StepCount, first.State.ToDictionary(kv => kv.Key, kv => (double[])kv.Value.Clone()));
        StepWith(first, 0.3);
        StepWith(second, 0.3);
        Assert.That(b.Value[0], Is.EqualTo(a.Value[0]));
    }

    [Test]
    public void InvalidArguments_AreRefused()
    {
        var w = Scalar("w", 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Adam<double>([w], beta1: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Adam<double>([w], beta2: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Adam<double>([w], epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Adam<double>([w], learningRate: -1));
    }
}
