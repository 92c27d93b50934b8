using NeuralNet.Core.Training.Optimizers;
using static NeuralNet.Tests.Training.Optimizers.OptimizerTestKit;

namespace NeuralNet.Tests.Training.Optimizers;

/// <summary>SGD, momentum and Nesterov against PyTorch's formulas (dampening 0), followed by hand for two steps.</summary>
public class SgdTests
{
    private const double Tol = 1e-15;

    [Test]
    public void Plain_TwoSteps()
    {
        // w ← w − η·g with η = 0.1: 1 − 0.1·0.5 = 0.95, then 0.95 − 0.1·(−0.25) = 0.975.
        var w = Scalar("w", 1);
        var sgd = new Sgd<double>([w], 0.1);
        StepWith(sgd, 0.5);
        Assert.That(w.Value[0], Is.EqualTo(0.95).Within(Tol));
        StepWith(sgd, -0.25);
        Assert.That(w.Value[0], Is.EqualTo(0.975).Within(Tol));
        Assert.That(sgd.Name, Is.EqualTo("sgd"));
        Assert.That(sgd.StepCount, Is.EqualTo(2));
    }

    [Test]
    public void Momentum_TwoSteps()
    {
        // μ = 0.9, η = 0.1. Step 1: v = 0.9·0 + 0.5 = 0.5, w = 1 − 0.05 = 0.95.
        // Step 2: v = 0.9·0.5 − 0.25 = 0.2, w = 0.95 − 0.1·0.2 = 0.93.
        var w = Scalar("w", 1);
        var sgd = new Sgd<double>([w], 0.1, momentum: 0.9);
        StepWith(sgd, 0.5);
        Assert.That(w.Value[0], Is.EqualTo(0.95).Within(Tol));
        StepWith(sgd, -0.25);
        Assert.That(w.Value[0], Is.EqualTo(0.93).Within(Tol));
        Assert.That(sgd.State["w.velocity"], Is.EqualTo(new[] { 0.2 }).Within(Tol));
    }

    [Test]
    public void Nesterov_TwoSteps()
    {
        // μ = 0.9, η = 0.1. Step 1: v = 0.5, step = g + μ·v = 0.5 + 0.45 = 0.95, w = 1 − 0.095 = 0.905.
        // Step 2: v = 0.45 − 0.25 = 0.2, step = −0.25 + 0.18 = −0.07, w = 0.905 + 0.007 = 0.912.
        var w = Scalar("w", 1);
        var sgd = new Sgd<double>([w], 0.1, momentum: 0.9, nesterov: true);
        StepWith(sgd, 0.5);
        Assert.That(w.Value[0], Is.EqualTo(0.905).Within(Tol));
        StepWith(sgd, -0.25);
        Assert.That(w.Value[0], Is.EqualTo(0.912).Within(Tol));
    }

    [Test]
    public void WeightDecay_IsL2OnDecayedParametersOnly()
    {
        // λ = 0.1: the weight's gradient becomes 0.5 + 0.1·1 = 0.6 → w = 1 − 0.06 = 0.94; the bias ignores λ → 0.95.
        var w = Scalar("w", 1);
        var b = Scalar("b", 1, decay: false);
        StepWith(new Sgd<double>([w, b], 0.1, weightDecay: 0.1), 0.5, 0.5);
        Assert.That(w.Value[0], Is.EqualTo(0.94).Within(Tol));
        Assert.That(b.Value[0], Is.EqualTo(0.95).Within(Tol));
    }

    [Test]
    public void ZeroGrad_ClearsEveryGradient()
    {
        var w = Scalar("w", 1);
        var b = Scalar("b", 1);
        var sgd = new Sgd<double>([w, b], 0.1);
        (w.Gradient[0], b.Gradient[0]) = (3, 4);
        sgd.ZeroGrad();
        Assert.That(new[] { w.Gradient[0], b.Gradient[0] }, Is.All.Zero);
    }

    [Test]
    public void InvalidArguments_AreRefused()
    {
        var w = Scalar("w", 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Sgd<double>([w], 0));
        Assert.That(ex.Message, Does.Contain("Invalid learning rate"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Sgd<double>([w], double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Sgd<double>([w], 0.1, momentum: 1));
        Assert.Throws<ArgumentException>(() => _ = new Sgd<double>([w], 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Sgd<double>([w], 0.1, weightDecay: -1));
    }

    [TestCase("sgd", 0.0, false)]
    [TestCase("momentum", 0.9, false)]
    [TestCase("nesterov", 0.9, true)]
    public void Registry_BuildsSgdVariants(string name, double momentum, bool nesterov)
    {
        var sgd = (Sgd<double>)OptimizerRegistry.Create(name, [Scalar("w", 1)], 0.1);
        Assert.That((sgd.Name, sgd.Momentum, sgd.Nesterov), Is.EqualTo((name, momentum, nesterov)));
    }

    [Test]
    public void Registry_RefusesUnknownNamesListingTheValidOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => OptimizerRegistry.Create("rmsprop", [Scalar("w", 1)], 0.1));
        Assert.That(ex.Message, Does.Contain("'rmsprop'"));
        foreach (string name in OptimizerRegistry.Names) Assert.That(ex.Message, Does.Contain(name));
    }

    [Test]
    public void Plain_step_with_decay_over_vector_lanes_and_tail_matches_the_formula_bit_for_bit()
    {
        // 37 floats: whole SIMD vectors plus a scalar tail; w ← w − η·(g + λ·w) in float, one rounding per operation.
        var p = new NeuralNet.Core.Parameter<float>("w", 37, 1, applyWeightDecay: true);
        for (int i = 0; i < 37; i++) (p.Value[i], p.Gradient[i]) = (0.1f * i - 1.3f, 0.37f - 0.05f * i);
        var expected = new float[37];
        for (int i = 0; i < 37; i++) expected[i] = p.Value[i] - 0.01f * (p.Gradient[i] + 0.2f * p.Value[i]);
        new Sgd<float>([p], 0.01, weightDecay: 0.2).Step();
        Assert.That(p.Value, Is.EqualTo(expected));
    }
}
