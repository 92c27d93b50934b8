using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Cli.Charts;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Data;
using NeuralNet.Core.Datasets;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

using NeuralNet.Tests.Training;

namespace NeuralNet.Tests.Charts;

public class ChartTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("nn-charts").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static IReadOnlyList<RunOutcome> TinyExperiment()
    {
        var spec = new TrainingSpec { Target = "label", Hidden = [6], BiasInit = -0.5, Optimizer = "sgd", LearningRate = 0.5, Epochs = 6, BatchSize = 10, ValidationSplit = 0.25 };
        var runs = new ExperimentGrid([("relu", null), ("leaky-relu", null)], [], [], [], [], 2, 1, [DataSample.HoldOut(0.25, 1)]).Expand(spec);
        return ExperimentRunner.Run(runs, NeuralNet.Tests.Experiments.ExperimentFixtures.Moons(80, 4), 2);
    }

    private static void AssertIsPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    [Test]
    public void TrainingChart_WritesAPng()
    {
        string path = Path.Combine(_dir, "train.png");
        TrainingChart.Save(path, TinyExperiment()[0].Result.History, "accuracy");
        AssertIsPng(path);
    }

    [Test]
    public void ExperimentChart_WritesAPng()
    {
        string path = Path.Combine(_dir, "experiment.png");
        var outcomes = TinyExperiment();
        ExperimentChart.Save(path, outcomes, ExperimentSummary.From(outcomes));
        AssertIsPng(path);
    }

    [Test]
    public void ExperimentChart_NamesEachSettingByWhatVaries_KeepingTheRecycleWord()
    {
        var labels = ExperimentChart.ShortLabels([
            "relu hidden=8 lr=0.01 init=he-normal bias=-3", "relu hidden=8 lr=0.01 init=he-normal bias=-3 recycle=dead",
            "prelu hidden=8 lr=0.01 init=he-normal bias=-3"]);
        Assert.That(labels.Values, Is.EqualTo(new[] { "relu", "relu recycle=dead", "prelu" }));
    }

    [Test]
    public void TrainingChart_UsesALogLossAxis_FromTwoDecadesOn()
    {
        // max/min = 1 / 0.01 = 100 reaches the ratio; 1 / 0.0101 ≈ 99 does not; NaN and non-positive values are ignored.
        Assert.That(TrainingChart.UseLogScale([1, 0.5, 0.01, double.NaN]), Is.True);
        Assert.That(TrainingChart.UseLogScale([1, 0.0101, 0, -3]), Is.False);
    }

    [Test]
    public void Charts_WithCaptionAndBestEpoch_WriteAPng()
    {
        var outcomes = TinyExperiment();
        string train = Path.Combine(_dir, "train.png");
        TrainingChart.Save(train, outcomes[0].Result.History, "accuracy", null, "moons, seed 1", outcomes[0].BestEpoch);
        AssertIsPng(train);
        File.Delete(train);
        string grid = Path.Combine(_dir, "grid.png");
        ExperimentChart.Save(grid, outcomes, ExperimentSummary.From(outcomes), "moons, seed 1");
        AssertIsPng(grid);
    }
}
