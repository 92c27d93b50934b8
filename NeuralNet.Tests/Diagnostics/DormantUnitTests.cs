using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Tests.Cli;
using System.Text.Json;

namespace NeuralNet.Tests.Diagnostics;

public class DormantUnitTests
{
    /// <summary>
    /// One input, three ReLU units with weights 1, 0.01, −1 and bias 0, on the rows x = 1 and x = 2:
    /// h₀ = x → E|h₀| = 1.5; h₁ = 0.01x → E|h₁| = 0.015; h₂ = max(0, −x) = 0 → E|h₂| = 0.
    /// The layer's mean is (1.5 + 0.015 + 0)/3 = 0.505, so s = (1.5/0.505, 0.015/0.505, 0) = (2.9703, 0.029703, 0).
    /// </summary>
    private static LayerActivity Measure(string activation = "relu")
    {
        var net = Mlp<double>.Create(new MlpSpec(1, [3], 1, new ActivationSpec(activation, activation == "leaky-relu" ? 0.01 : null)), new Rng(1));
        var hidden = net.Layers[0];
        hidden.Weights.ValueMatrix.SetRow(0, [1.0, 0.01, -1]);
        hidden.Bias.ValueMatrix.SetRow(0, [0.0, 0, 0]);
        var x = Matrix<double>.Build.DenseOfColumnArrays([1.0, 2]);
        return new ActivityMeter<double>(net, 1).Measure(x)[0]; // chunks of one row: the sums run over chunks
    }

    [Test]
    public void Scores_AreTheMeanAbsoluteOutputOverTheLayerMean()
    {
        var a = Measure();
        Assert.That(a.MeanAbsOutput, Is.EqualTo(new[] { 1.5, 0.015, 0 }).Within(1e-12));
        Assert.That(a.DormantScores(), Is.EqualTo(new[] { 1.5 / 0.505, 0.015 / 0.505, 0 }).Within(1e-12));
    }

    [TestCase(0.025, new[] { 2 })]     // 0.029703 > 0.025: only the dead unit
    [TestCase(0.03, new[] { 1, 2 })]   // 0.029703 ≤ 0.03: the weak unit too
    [TestCase(0.0, new[] { 2 })]       // s ≤ 0 holds for a dead ReLU unit (s = 0)
    public void DormantUnits_AreThoseWithScoreAtMostTau(double tau, int[] expected)
    {
        var stats = LayerDeadStats.From(Measure(), dormantTau: tau);
        Assert.That(stats.DormantUnits, Is.EqualTo(expected));
        Assert.That(stats.DeadUnits, Is.EqualTo(new[] { 2 }), "dead ⇒ dormant: the dead unit is among them");
    }

    [Test]
    public void LeakyUnit_IsDormantButNotDead()
    {
        // LeakyReLU(α = 0.01): h₂ = −0.01x → E|h₂| = 0.015, like h₁; mean = 1.53/3 = 0.51, s₂ = 0.015/0.51 = 0.02941 ≤ 0.03.
        var a = Measure("leaky-relu");
        Assert.That(a.DormantScores()[2], Is.EqualTo(0.015 / 0.51).Within(1e-12));
        var stats = LayerDeadStats.From(a, dormantTau: 0.03);
        Assert.That((stats.Dead, stats.Inactive, stats.DormantUnits), Is.EqualTo((0, 1, (IReadOnlyList<int>)new[] { 1, 2 })));
    }

    [Test]
    public void NegativeTau_IsRejected()
        => Assert.That(() => LayerDeadStats.From(Measure(), dormantTau: -0.1), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Train_Json_ReportsDormantUnitsBesideDead_WithTheGivenTau()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "12", "--seed", "4",
            "--bias-init", "-0.5", "--dormant-tau", "0.5", "--out", h.PathOf("m.json"), "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var layer = JsonDocument.Parse(run.Output).RootElement.GetProperty("deadNeurons")[0];
        var dormant = layer.GetProperty("dormantUnits").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var dead = layer.GetProperty("deadUnits").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.That(layer.GetProperty("dormantTau").GetDouble(), Is.EqualTo(0.5));
        Assert.That(layer.GetProperty("dormant").GetInt32(), Is.EqualTo(dormant.Count));
        Assert.That(dormant, Is.SupersetOf(dead), "every dead ReLU unit has score 0, so it is dormant");
        // The scores average to 1 over the layer, so not every unit can be at or below τ = 0.5.
        Assert.That(dormant, Has.Count.LessThan(12));
    }

    [Test]
    public void Train_NegativeDormantTau_IsAUsageError()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--dormant-tau", "-1", "--out", h.PathOf("m.json"));
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("--dormant-tau"));
    }
}
