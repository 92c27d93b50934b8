using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Datasets;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

using NeuralNet.Tests.Training;

namespace NeuralNet.Tests.Experiments;

public class ExperimentRunnerTests
{
    private static List<RunSettings> Grid()
        => (from activation in new[] { "relu", "leaky-relu", "prelu" }
            from seed in new long[] { 1, 2, 3 }
            select new RunSettings(new MlpSpec(2, [8, 8], 2, new ActivationSpec(activation)), "softmax-cross-entropy", "adam", 0.01, 0,
                new TrainerOptions { Epochs = 5, BatchSize = 16 }, seed)).ToList();

    [Test]
    public void Table_AgreesWithTheIndividualRunsItSummarizes()
    {
        var train = TrainingData.Moons(120, 10);
        var valid = TrainingData.Moons(40, 11);
        var outcomes = ExperimentRunner.Run(Grid(), train, valid, threads: 2);

        var table = ExperimentSummary.From(outcomes);

        Assert.That(table, Has.Count.EqualTo(3));
        foreach (var row in table)
        {
            var single = Grid().Where(r => r.Network.HiddenActivation.Name == row.Activation)
                .Select((r, i) => ExperimentRunner.RunOne(i, r, train, valid)).ToList();
            double mean = single.Average(o => o.Metric);
            double std = Math.Sqrt(single.Sum(o => (o.Metric - mean) * (o.Metric - mean)) / (single.Count - 1));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(row.Runs, Is.EqualTo(3));
                Assert.That(row.MetricMean, Is.EqualTo(mean).Within(1e-12));
                Assert.That(row.MetricStd, Is.EqualTo(std).Within(1e-12));
                Assert.That(row.DeadMean, Is.EqualTo(single.Average(o => o.Dead)).Within(1e-12));
                Assert.That(row.BornDeadMean, Is.EqualTo(single.Average(o => o.BornDead)).Within(1e-12));
                Assert.That(row.Metric.Mean, Is.EqualTo(mean).Within(1e-12));
            }
        }
        // The first setting is the baseline; the others are compared with it by seed (3 seeds each).
        Assert.That(table[0].VersusBaseline, Is.Null);
        Assert.That(table.Skip(1).Select(r => r.VersusBaseline!.Pairs), Is.All.EqualTo(3));
        Assert.That(table[1].VersusBaseline!.Difference.Mean, Is.EqualTo(table[1].MetricMean - table[0].MetricMean).Within(1e-12));
        Assert.That(table.Skip(1).Select(r => r.VersusBaseline!.AdjustedP), Is.All.GreaterThanOrEqualTo(0).Or.NaN);
    }

    [Test]
    public void Results_DoNotDependOnThreadCount()
    {
        var train = TrainingData.Moons(80, 3);
        var one = ExperimentRunner.Run(Grid(), train, null, threads: 1);
        var two = ExperimentRunner.Run(Grid(), train, null, threads: 2);

        Assert.That(two.Select(o => o.Result.Last.Loss), Is.EqualTo(one.Select(o => o.Result.Last.Loss)));
    }

    [Test]
    public void BornDead_NarrowDeepNetworksDieMoreOftenThanWideShallowOnes()
    {
        // Lu et al. (2020): with He-normal weights and zero bias, the chance that some hidden ReLU layer outputs 0 for
        // every input rises with depth and falls with width. Zero epochs: only the network at initialization matters.
        double Share(int width, int depth, int seeds, string init = "he-normal")
        {
            var probe = SyntheticDatasets.Generate("uniform", 200, 0, seed: 99, features: width);
            var data = new Dataset<double>(Matrix<double>.Build.DenseOfRowArrays(probe.Features), Matrix<double>.Build.Dense(200, 1));
            var runs = Enumerable.Range(0, seeds).Select(s => new RunSettings(
                new MlpSpec(width, Enumerable.Repeat(width, depth - 1).ToArray(), 1, ActivationSpec.Relu, Initializer: init), "mse", "sgd", 0.01, 0,
                new TrainerOptions { Epochs = 0, BatchSize = 200 }, s)).ToList();
            return ExperimentRunner.Run(runs, data, null, threads: 2).Average(o => o.BornDeadLayer ? 1.0 : 0.0);
        }

        double narrowDeep = Share(2, 10, 200), wideShallow = Share(64, 2, 200), narrowDeepRai = Share(2, 10, 200, "rai");
        TestContext.Out.WriteLine($"born dead: width 2 depth 10 he {narrowDeep}, rai {narrowDeepRai}; width 64 depth 2 he {wideShallow}");

        // For width 2 each layer is entirely dead with probability about 1/4 per layer beyond the first few,
        // so over 9 hidden layers far more than 30% of networks die; a 64-wide layer dies with probability ~2^-64.
        Assert.That(narrowDeep, Is.GreaterThan(0.3));
        Assert.That(wideShallow, Is.LessThan(0.01));
        // The randomized asymmetric initialization gives every unit one positive incoming entry, which is its point.
        Assert.That(narrowDeepRai, Is.LessThan(narrowDeep));
    }

    [Test]
    public void InterruptedRuns_AreLeftOut_OfTheOutcomes()
    {
        var train = TrainingData.Moons(80, 3);
        var spec = new MlpSpec(2, [8], 2, ActivationSpec.Relu);
        // Run 0 is long; run 1 ends after one epoch and then cancels the whole experiment, cutting run 0 short.
        var runs = new List<RunSettings>
        {
            new(spec, "softmax-cross-entropy", "adam", 0.01, 0, new TrainerOptions { Epochs = 20_000, BatchSize = 16 }, 1),
            new(spec, "softmax-cross-entropy", "adam", 0.01, 0, new TrainerOptions { Epochs = 1, BatchSize = 16 }, 2),
        };
        using var cts = new CancellationTokenSource();

        var outcomes = ExperimentRunner.Run(runs, train, null, threads: 2, o => { if (o.Index == 1) cts.Cancel(); }, cts.Token);

        Assert.That(outcomes.Select(o => o.Index), Does.Contain(1));
        Assert.That(outcomes.Select(o => o.Result.StopReason), Has.None.EqualTo(StopReason.Cancelled));
        Assert.That(outcomes.Select(o => o.Result.EpochsRun), Is.EqualTo(outcomes.Select(o => o.Settings.Training.Epochs)), "every outcome ran all its epochs");
    }
}

public class ExperimentGridTests
{
    [Test]
    public void Expand_CrossesEveryAxisWithEverySeed_InAFixedOrder()
    {
        var template = new RunSettings(new MlpSpec(2, [4], 2, ActivationSpec.Relu), "softmax-cross-entropy", "sgd", 0.1, 0,
            new TrainerOptions { Epochs = 1 }, Seed: 0);
        var grid = new ExperimentGrid([ActivationSpec.Relu, ActivationSpec.PRelu], [[4], [8, 8]], [0.1, 0.01], [], [0.0, -1.0], Seeds: 3, FirstSeed: 10);

        var runs = grid.Expand(template);

        Assert.That(runs, Has.Count.EqualTo(2 * 2 * 2 * 1 * 2 * 3));
        Assert.That(runs.Select(r => r.Seed).Distinct(), Is.EqualTo(new long[] { 10, 11, 12 }));
        Assert.That(runs.Select(r => r.SettingKey).Distinct().Count(), Is.EqualTo(16));
        Assert.That(runs[0].Network.HiddenActivation.Name, Is.EqualTo("relu"));
        Assert.That(runs[^1].Network.HiddenActivation.Name, Is.EqualTo("prelu"));
        Assert.That(runs.All(r => r.Network.Initializer == "he-normal"), Is.True, "an empty axis keeps the template's value");
    }
}
