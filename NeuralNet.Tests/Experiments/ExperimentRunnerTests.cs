using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;
using static NeuralNet.Tests.Experiments.ExperimentFixtures;

namespace NeuralNet.Tests.Experiments;

public class ExperimentRunnerTests
{
    [Test]
    public void Table_AgreesWithTheIndividualRunsItSummarizes()
    {
        var data = Moons(160, 10);
        var outcomes = ExperimentRunner.Run(Grid(), data, threads: 2);

        var table = ExperimentSummary.From(outcomes);

        Assert.That(table, Has.Count.EqualTo(3));
        foreach (var row in table)
        {
            var single = Grid().Where(r => r.Spec.Activation == row.Activation).Select((r, i) => ExperimentRunner.RunOne(i, r, data)).ToList();
            double mean = single.Average(o => o.Metric);
            double std = Math.Sqrt(single.Sum(o => (o.Metric - mean) * (o.Metric - mean)) / (single.Count - 1));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(row.Runs, Is.EqualTo(3));
                Assert.That(row.MetricMean, Is.EqualTo(mean).Within(1e-12));
                Assert.That(row.MetricStd, Is.EqualTo(std).Within(1e-12));
                Assert.That(row.DeadMean, Is.EqualTo(single.Average(o => o.Dead)).Within(1e-12));
                Assert.That(row.BornDeadMean, Is.EqualTo(single.Average(o => o.BornDead)).Within(1e-12));
            }
        }
        Assert.That(table[0].VersusBaseline, Is.Null);
        Assert.That(table.Skip(1).Select(r => r.VersusBaseline!.Pairs), Is.All.EqualTo(3));
        Assert.That(table[1].VersusBaseline!.Difference.Mean, Is.EqualTo(table[1].MetricMean - table[0].MetricMean).Within(1e-12));
    }

    [Test]
    public void TheRunOfSeedS_OnTheSplitOfSeedS_IsWhatTrainTrainsWithSeedS()
    {
        // Run 3 of the grid: leaky-relu, seed 1, on the hold-out split of seed 1 (the grid's --seed).
        var table = Table("moons", 120, 5);
        var grid = Grid();
        var outcome = ExperimentRunner.RunOne(3, grid[3], new ExperimentData(table));
        var other = ExperimentRunner.RunOne(4, grid[4], new ExperimentData(table));

        var train = TrainingPipeline.Prepare(table, null, grid[3].Spec with { Sample = null }).Train();

        Assert.That(grid[3].Spec.Activation, Is.EqualTo("leaky-relu"));
        Assert.That(grid[3].Seed, Is.EqualTo(1));
        Assert.That(outcome.Result.History.Select(h => h.Loss), Is.EqualTo(train.History.Select(h => h.Loss)));
        Assert.That(outcome.Result.Last.ValidationMetric, Is.EqualTo(train.Last.ValidationMetric));
        Assert.That(other.Result.Last.Loss, Is.Not.EqualTo(train.Last.Loss), "seed 2 starts elsewhere");
    }

    [Test]
    public void DeadEveryZero_MeasuresAtTheStartAndTheEnd_AsInTrain()
    {
        var outcomes = ExperimentRunner.Run(Grid(Spec() with { DeadEvery = 0 }, seeds: 1), Moons(80, 3), threads: 1);

        var measured = outcomes[0].Result.History.Where(h => h.DeadNeurons is not null).Select(h => h.Epoch);
        Assert.That(measured, Is.EqualTo(new[] { 0, 5 }));
        Assert.That(outcomes[0].Units, Is.EqualTo(16));
    }

    [Test]
    public void Results_DoNotDependOnThreadCount()
    {
        var data = Moons(80, 3);
        var one = ExperimentRunner.Run(Grid(), data, threads: 1);
        var two = ExperimentRunner.Run(Grid(), data, threads: 2);

        Assert.That(two.Select(o => o.Result.Last.Loss), Is.EqualTo(one.Select(o => o.Result.Last.Loss)));
    }

    [Test]
    public void BornDead_NarrowDeepNetworksDieMoreOftenThanWideShallowOnes()
    {
        // Lu et al. (2020): with He-normal weights and zero bias, the chance that some hidden ReLU layer outputs 0 for
        // every input rises with depth and falls with width. Zero epochs: only the network at initialization matters.
        var narrowTable = new ExperimentData(Table("uniform", 200, 99, features: 2));
        var wideTable = new ExperimentData(Table("uniform", 200, 99, features: 64));
        double Share(ExperimentData data, int width, int depth, int seeds, string init = "he-normal")
        {
            var spec = new TrainingSpec
            {
                Target = "y", Hidden = Enumerable.Repeat(width, depth - 1).ToArray(), Init = init, Optimizer = "sgd", Epochs = 0, BatchSize = 200,
                ValidationSplit = 0, Task = "regression",
            };
            var runs = new ExperimentGrid([("relu", null)], [], [], [], [], seeds, 0, [DataSample.HoldOut(0, 0)]).Expand(spec);
            return ExperimentRunner.Run(runs, data, threads: 2).Average(o => o.BornDeadLayer ? 1.0 : 0.0);
        }

        double narrowDeep = Share(narrowTable, 2, 10, 200), wideShallow = Share(wideTable, 64, 2, 200), narrowDeepRai = Share(narrowTable, 2, 10, 200, "rai");
        TestContext.Out.WriteLine($"born dead: width 2 depth 10 he {narrowDeep}, rai {narrowDeepRai}; width 64 depth 2 he {wideShallow}");

        // For width 2 each layer is entirely dead with probability about 1/4 per layer beyond the first few,
        // so over 9 hidden layers far more than 30% of networks die; a 64-wide layer dies with probability ~2^-64.
        Assert.That(narrowDeep, Is.GreaterThan(0.3));
        Assert.That(wideShallow, Is.LessThan(0.01));
        Assert.That(narrowDeepRai, Is.LessThan(narrowDeep));
    }

    [Test]
    public void InterruptedRuns_AreLeftOut_OfTheOutcomes()
    {
        // Run 0 is long; run 1 ends after one epoch and then cancels the whole experiment, cutting run 0 short.
        var runs = new List<RunSettings>
        {
            new(Spec(epochs: 20_000) with { Hidden = [8], Seed = 1, Sample = DataSample.HoldOut(0, 1) }),
            new(Spec(epochs: 1) with { Hidden = [8], Seed = 2, Sample = DataSample.HoldOut(0, 1) }),
        };
        using var cts = new CancellationTokenSource();

        var outcomes = ExperimentRunner.Run(runs, Moons(80, 3), threads: 2, o => { if (o.Index == 1) cts.Cancel(); }, cts.Token);

        Assert.That(outcomes.Select(o => o.Index), Does.Contain(1));
        Assert.That(outcomes.Select(o => o.Result.StopReason), Has.None.EqualTo(StopReason.Cancelled));
        Assert.That(outcomes.Select(o => o.Result.EpochsRun), Is.EqualTo(outcomes.Select(o => o.Settings.Spec.Epochs)), "every outcome ran all its epochs");
    }
}

public class ExperimentGridTests
{
    [Test]
    public void Expand_CrossesEveryAxisWithEverySeedAndSample_InAFixedOrder()
    {
        var template = new TrainingSpec { Target = "y", Hidden = [4], Optimizer = "sgd", LearningRate = 0.1, Epochs = 1 };
        var samples = ExperimentGrid.SamplesOf(folds: 2, resplits: null, share: 0.2, seed: 10);
        var grid = new ExperimentGrid([("relu", null), ("prelu", null)], [[4], [8, 8]], [0.1, 0.01], [], [0.0, -1.0], Seeds: 3, FirstSeed: 10, samples);

        var runs = grid.Expand(template);

        Assert.That(runs, Has.Count.EqualTo(2 * 2 * 2 * 1 * 2 * 3 * 2));
        Assert.That(runs.Select(r => r.Seed).Distinct(), Is.EqualTo(new long[] { 10, 11, 12 }));
        Assert.That(runs.Select(r => r.SettingKey).Distinct().Count(), Is.EqualTo(16));
        Assert.That(runs.Select(r => r.PairKey).Distinct().Count(), Is.EqualTo(6), "3 seeds × 2 folds pair the settings");
        Assert.That(runs.Take(2).Select(r => r.Spec.Sample!.Fold), Is.EqualTo(new[] { 0, 1 }), "the sample varies fastest");
        Assert.That(runs[0].Spec.Activation, Is.EqualTo("relu"));
        Assert.That(runs[^1].Spec.Activation, Is.EqualTo("prelu"));
        Assert.That(runs.All(r => r.Spec.Init == "he-normal"), Is.True, "an empty axis keeps the template's value");
    }

    [Test]
    public void Resplits_DrawSplitR_FromSeedPlusR()
    {
        var samples = ExperimentGrid.SamplesOf(null, resplits: 3, share: 0.3, seed: 7);
        Assert.That(samples, Is.EqualTo(new[] { DataSample.HoldOut(0.3, 7), DataSample.HoldOut(0.3, 8), DataSample.HoldOut(0.3, 9) }));
        Assert.That(ExperimentGrid.SamplesOf(null, null, 0.3, 7), Is.EqualTo(new[] { DataSample.HoldOut(0.3, 7) }));
    }
}
