using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Diagnostics;

public class LayerDeadStatsTests
{
    [Test]
    public void From_HandBuiltActivity()
    {
        // 200 rows, 5 units. Unit 0: silent and blocking → dead. Unit 1: silent but passing gradient → inactive.
        // Unit 2: 5/200 = 2.5% ≥ 1% → alive. Unit 3: 1/200 = 0.5% < 1% → near-dead. Unit 4: 100/200 → alive.
        // Zero fraction: 1 − (0 + 0 + 5 + 1 + 100)/(200·5) = 1 − 106/1000 = 0.894.
        var activity = new LayerActivity(0, "prelu", true, 200, [0, 0, 5, 1, 100], [true, false, true, true, true]);
        var stats = LayerDeadStats.From(activity);
        Assert.That((stats.Units, stats.Dead, stats.Inactive, stats.NearDead), Is.EqualTo((5, 1, 1, 1)));
        Assert.That(stats.DeadUnits, Is.EqualTo(new[] { 0 }));
        Assert.That(stats.InactiveUnits, Is.EqualTo(new[] { 1 }));
        Assert.That(stats.ZeroFraction, Is.EqualTo(0.894).Within(1e-12));
        Assert.That(stats.DeadShare, Is.EqualTo(0.2).Within(1e-15));
        Assert.That(stats.WholeLayerDead, Is.False);
    }

    [Test]
    public void NearDeadShare_IsTheDocumentedDefaultAndConfigurable()
    {
        Assert.That(DeadNeuronOptions.DefaultNearDeadShare, Is.EqualTo(0.01));
        Assert.That(new DeadNeuronOptions().NearDeadShare, Is.EqualTo(0.01));
        Assert.That(new DeadNeuronOptions().Every, Is.EqualTo(1));
        // Active on 5 of 200 rows (2.5%): near-dead under a 3% share, not under the default 1%.
        var activity = new LayerActivity(0, "relu", true, 200, [5], [true]);
        Assert.That(LayerDeadStats.From(activity).NearDead, Is.Zero);
        Assert.That(LayerDeadStats.From(activity, 0.03).NearDead, Is.EqualTo(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerDeadStats.From(activity, 1.5));
    }

    [Test]
    public void SmoothActivations_HaveNoDeadInactiveOrNearDeadUnits()
    {
        var stats = LayerDeadStats.From(new LayerActivity(0, "tanh", false, 200, [0, 1], [false, false]));
        Assert.That((stats.Dead, stats.Inactive, stats.NearDead), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void AllUnitsDead_IsWholeLayerDead()
    {
        Assert.That(LayerDeadStats.From(new LayerActivity(1, "relu", true, 10, [0, 0], [true, true])).WholeLayerDead, Is.True);
        Assert.That(LayerDeadStats.From(new LayerActivity(1, "leaky-relu", true, 10, [0, 0], [false, false])).WholeLayerDead, Is.False);
    }

    private static IEnumerable<TestCaseData> Classification()
    {
        // Units: 0 z = x (active on half the rows), 1 z = −1 (never positive), 2 z = x − 0.985 (positive on 1 row of 200).
        yield return new TestCaseData(new Func<IActivation<double>>(() => new Relu<double>(3)), new[] { 1 }, Array.Empty<int>(), 1).SetArgDisplayNames("relu");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new LeakyRelu<double>(3)), Array.Empty<int>(), new[] { 1 }, 1).SetArgDisplayNames("leaky-relu");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new PRelu<double>(3)), Array.Empty<int>(), new[] { 1 }, 1).SetArgDisplayNames("prelu α 0.25");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new PRelu<double>(3, initialAlpha: 5e-4)), new[] { 1 }, Array.Empty<int>(), 1).SetArgDisplayNames("prelu |α| < threshold");
        yield return new TestCaseData(new Func<IActivation<double>>(() => PerUnit(0.25, 5e-4, 0.25)), new[] { 1 }, Array.Empty<int>(), 1).SetArgDisplayNames("prelu per unit, silent one tiny");
        yield return new TestCaseData(new Func<IActivation<double>>(() => PerUnit(5e-4, 0.25, 5e-4)), Array.Empty<int>(), new[] { 1 }, 1).SetArgDisplayNames("prelu per unit, active ones tiny");
        yield return new TestCaseData(new Func<IActivation<double>>(() => new Tanh<double>(3)), Array.Empty<int>(), Array.Empty<int>(), 0).SetArgDisplayNames("tanh");
    }

    private static PRelu<double> PerUnit(params double[] alphas)
    {
        var p = new PRelu<double>(alphas.Length, perUnit: true);
        alphas.CopyTo(p.Alpha.Value, 0);
        return p;
    }

    [TestCaseSource(nameof(Classification))]
    public void DeadVersusInactive_ThroughARealNetwork(Func<IActivation<double>> activation, int[] dead, int[] inactive, int nearDead)
    {
        var hidden = new DenseLayer<double>(1, 3, activation(), "layer0");
        hidden.Weights.ValueMatrix.SetRow(0, [1.0, 0, 1]);
        hidden.Bias.ValueMatrix.SetRow(0, [0, -1, -0.985]);
        var net = new Mlp<double>([hidden, new DenseLayer<double>(3, 1, new Identity<double>(1), "layer1")]);
        var x = Matrix<double>.Build.Dense(200, 1, (i, _) => i / 100.0 - 1); // −1, −0.99, …, 0.99

        var stats = LayerDeadStats.From(new ActivityMeter<double>(net, 64).Measure(x)[0]);

        Assert.That(stats.DeadUnits, Is.EqualTo(dead));
        Assert.That(stats.InactiveUnits, Is.EqualTo(inactive));
        Assert.That(stats.NearDead, Is.EqualTo(nearDead));
        // Positive (row, unit) pairs: 99 (x > 0) + 0 + 1 (x = 0.99) = 100 of 600.
        Assert.That(stats.ZeroFraction, Is.EqualTo(5.0 / 6).Within(1e-12));
    }

    [Test]
    public void WholeLayerDead_MeansTheOutputIsTheSameForEveryInput()
    {
        // Bias −10 with He weights on inputs in [−1, 1]: z = w·x − 10 < 0 everywhere, so layer 0 outputs zeros for every row.
        var rng = new Rng(53);
        var x = GradientCheck.Uniform(rng, 50, 2);
        var dead = Mlp<double>.Create(new MlpSpec(2, [4, 3], 2, ActivationSpec.Relu, HiddenBias: -10), rng);
        var stats = new ActivityMeter<double>(dead, 50).Measure(x).Select(a => LayerDeadStats.From(a)).ToList();
        Assert.That(stats[0].WholeLayerDead, Is.True);
        var output = dead.Forward(x);
        Assert.That(output.EnumerateRows(), Is.All.EqualTo(output.Row(0)));

        // Control: the same architecture alive gives different outputs, so the assertion above can fail.
        var alive = Mlp<double>.Create(new MlpSpec(2, [4, 3], 2, ActivationSpec.Relu), rng);
        Assert.That(new ActivityMeter<double>(alive, 50).Measure(x).Select(a => LayerDeadStats.From(a).WholeLayerDead), Is.All.False);
        var aliveOutput = alive.Forward(x);
        Assert.That(aliveOutput.EnumerateRows(), Is.Not.All.EqualTo(aliveOutput.Row(0)));
    }
}
