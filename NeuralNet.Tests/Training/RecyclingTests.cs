using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Callbacks;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>ReDo: what a recycled unit becomes, what stays untouched, recovery from a negative bias, and resume.</summary>
public class RecyclingTests
{
    private static readonly Dataset<float> Data = TrainingData.Linear<float>(96, [1, -2, 0.5], seed: 6);

    private static (Mlp<float> Net, Adam<float> Adam) TrainedFewSteps()
    {
        var net = Mlp<float>.Create(new MlpSpec(3, [6, 5], 1, ActivationSpec.Relu), new Rng(2));
        var adam = new Adam<float>(net.Parameters, 0.01);
        var loss = new MeanSquaredError<float>();
        var grad = Matrix<float>.Build.Dense(96, 1);
        for (int i = 0; i < 5; i++)
        {
            loss.Compute(net.Forward(Data.Features), Data.Targets, grad);
            adam.ZeroGrad();
            net.Backward(grad);
            adam.Step();
        }
        return (net, adam);
    }

    [Test]
    public void Recycling_dead_units_leaves_the_output_unchanged_and_redraws_only_their_incoming_weights()
    {
        var (net, adam) = TrainedFewSteps();
        // Kill units 1 and 4 (z < 0 on every row): their old outgoing weights then carry 0, as do the new (zeroed) ones.
        net.Layers[0].Bias.Value[1] = net.Layers[0].Bias.Value[4] = -100;
        var before = net.Forward(Data.Features).Clone();
        var valuesBefore = net.CopyValues();

        UnitRecycler<float>.Recycle(net, adam, new Rng(11), 0, [1, 4]);

        Assert.That(net.Forward(Data.Features).ToColumnMajorArray(), Is.EqualTo(before.ToColumnMajorArray())); // bit for bit
        var w0 = net.Layers[0].Weights;
        Assert.That(w0.Value.Skip(1 * 3).Take(3), Is.Not.EqualTo(valuesBefore[0].Skip(3).Take(3)));
        for (int k = 0; k < 5; k++)
            Assert.That((net.Layers[1].Weights.Value[k * 6 + 1], net.Layers[1].Weights.Value[k * 6 + 4]), Is.EqualTo((0f, 0f)));
        Assert.That((net.Layers[0].Bias.Value[1], net.Layers[0].Bias.Value[4]), Is.EqualTo((0f, 0f))); // he-normal draws no bias
    }

    [Test]
    public void Recycling_ResetsTheMomentsOfExactlyTheRecycledEntries()
    {
        var (net, adam) = TrainedFewSteps();
        var stateBefore = adam.State.ToDictionary(e => e.Key, e => (float[])e.Value.Clone());
        Assert.That(stateBefore.Values.All(v => v.Any(x => x != 0)), "moments are nonzero before");

        UnitRecycler<float>.Recycle(net, adam, new Rng(11), 0, [1, 4]);

        // Recycled entries: layer0.weights column u (rows 0..2), layer0.bias[u], layer1.weights row u (column-major: u + 6k).
        bool Recycled(string key, int i) => key.StartsWith("layer0.weights.") ? i / 3 is 1 or 4
            : key.StartsWith("layer0.bias.") ? i is 1 or 4
            : key.StartsWith("layer1.weights.") && i % 6 is 1 or 4;
        foreach (var (key, after) in adam.State)
            for (int i = 0; i < after.Length; i++)
                Assert.That(after[i], Is.EqualTo(Recycled(key, i) ? 0f : stateBefore[key][i]), $"{key}[{i}]");
    }

    private static (Mlp<float> Net, TrainingResult Result) Train(RecycleMode mode, int epochs, Rng rng, TrainerState? resume = null, int? stopAfter = null)
    {
        // Every hidden unit is born dead: z = w·x − 4 < 0 on every standardized row (for these weights).
        var net = Mlp<float>.Create(new MlpSpec(3, [16], 1, ActivationSpec.Relu, HiddenBias: -20), rng);
        var options = new TrainerOptions { Epochs = stopAfter ?? epochs, BatchSize = 16, Recycle = new RecycleOptions(mode, Every: 2) };
        var trainer = new Trainer<float>(net, new MeanSquaredError<float>(), new Adam<float>(net.Parameters, 0.01), rng, options);
        return (net, trainer.Fit(Data, resume: resume));
    }

    [Test]
    public void A_network_killed_by_a_negative_bias_recovers_its_capacity_with_recycle_dead()
    {
        var (_, without) = Train(RecycleMode.Off, 8, new Rng(3));
        var (_, with) = Train(RecycleMode.Dead, 8, new Rng(3));

        Assert.That(without.History[0].TotalDead, Is.EqualTo(16));
        Assert.That(without.Last.TotalDead, Is.EqualTo(16));
        Assert.That(without.Last.Metric, Is.LessThan(0.05), "a dead network predicts a constant (R² ≤ 0)");
        // Epoch 2's measurement (before recycling) sees 16 dead; all are recycled; the later measurements see far fewer.
        Assert.That(with.History[2].TotalDead, Is.EqualTo(16));
        Assert.That(with.History[2].Recycled.Select(r => r.Unit), Is.EqualTo(Enumerable.Range(0, 16)));
        Assert.That(with.History[1].Recycled, Is.Empty);
        Assert.That(with.Last.TotalDead, Is.LessThan(8));
        Assert.That(with.Last.Loss, Is.LessThan(0.5 * without.Last.Loss));
        Assert.That(with.Timeline[0].RecycleEpochs.All(e => e.Count >= 1 && e[0] == 2));
    }

    [Test]
    public void Resuming_a_run_with_recycling_gives_bit_identical_weights()
    {
        var (straight, _) = Train(RecycleMode.Dead, 7, new Rng(3));
        var (_, first) = Train(RecycleMode.Dead, 7, new Rng(3), stopAfter: 3);
        var (resumed, result) = Train(RecycleMode.Dead, 7, new Rng(99), resume: first.State);

        Assert.That(result.EpochsRun, Is.EqualTo(7));
        Assert.That(resumed.CopyValues(), Is.EqualTo(straight.CopyValues()));
    }
}
