using NeuralNet.Core.Activations;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Experiments.Results;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Experiments.Results;

public class ResultsFileTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("nn-results").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static List<RunSettings> Grid()
        => new ExperimentGrid([("relu", null), ("prelu", null)], [[4]], [], [], [], 2, 1, [DataSample.HoldOut(0.25, 1)])
            .Expand(ExperimentFixtures.Spec(epochs: 2)).ToList();

    private static ExperimentIdentity Identity(IReadOnlyList<RunSettings> grid, string data = "abc", string epochs = "2")
        => ExperimentIdentity.Of(grid, "test", "moons.csv", data, hasValidation: true,
            new Dictionary<string, string> { ["Epochs"] = epochs, ["Seeds"] = "2" }, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Test]
    public void RunsReadBack_GiveTheSameFileAndTheSameTable()
    {
        var grid = Grid();
        var outcomes = ExperimentRunner.Run(grid, ExperimentFixtures.Moons(80, 1), threads: 2);
        string path = Path.Combine(_dir, "r.jsonl");
        File.WriteAllText(path, ResultsFile.Canonical(Identity(grid), outcomes));

        var (identity, runs) = ResultsFile.Read(path);

        var expected = Identity(grid);
        Assert.That(identity with { Settings = expected.Settings }, Is.EqualTo(expected));
        Assert.That(identity.Settings, Is.EqualTo(expected.Settings));
        Assert.That(ResultsFile.Canonical(identity, runs), Is.EqualTo(File.ReadAllText(path)));
        var before = ExperimentSummary.From(outcomes);
        var after = ExperimentSummary.From(runs);
        Assert.That(after.Select(r => (r.Setting, r.MetricMean, r.DeadMean, r.BestEpochMean)),
            Is.EqualTo(before.Select(r => (r.Setting, r.MetricMean, r.DeadMean, r.BestEpochMean))));
    }

    [Test]
    public void AppendedRuns_SurviveATornLastLine()
    {
        var grid = Grid();
        var outcomes = ExperimentRunner.Run(grid, ExperimentFixtures.Moons(60, 1), threads: 1);
        string path = Path.Combine(_dir, "r.jsonl");
        using (var file = ResultsFile.Create(path, Identity(grid)))
        {
            file.Add(outcomes[2]);
            file.Add(outcomes[0]);
        }
        File.AppendAllText(path, "{\"index\":1,\"sett"); // the process died while writing run 1

        Assert.That(ResultsFile.Read(path).Runs.Select(r => r.Index), Is.EqualTo(new[] { 0, 2 }));
        using (var file = ResultsFile.Append(path)) file.Add(outcomes[1]);
        Assert.That(ResultsFile.Read(path).Runs.Select(r => r.Index), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Identity_NamesWhatDiffers()
    {
        var grid = Grid();
        var other = Grid().Take(3).ToList();
        Assert.That(Identity(grid).DifferenceFrom(Identity(grid), "b.jsonl"), Is.Null);
        Assert.That(Identity(grid).DifferenceFrom(Identity(grid, "def"), "b.jsonl"), Does.StartWith("different data").And.Contain("b.jsonl"));
        Assert.That(Identity(grid).DifferenceFrom(Identity(other), "b.jsonl"), Does.StartWith("a different grid: 4 runs").And.Contain("3 runs"));
        Assert.That(Identity(grid).DifferenceFrom(Identity(grid) with { ToolVersion = "9" }, "b.jsonl"), Does.StartWith("different tool version"));
        Assert.That(Identity(grid).DifferenceFrom(Identity(grid, epochs: "3"), "b.jsonl"), Does.Contain("(Epochs is 2 here, 3 there)"));
        Assert.That(Identity(grid).DifferenceFrom(Identity(grid) with { Created = "2030-01-01T00:00:00Z", DataFile = "x.csv" }, "b.jsonl"), Is.Null,
            "the date and the file's name are told, not compared");
    }

    [Test]
    public void Identity_OfFoldsAndOfOneSplit_Differ()
    {
        var folds = new ExperimentGrid([("relu", null)], [[4]], [], [], [], 1, 1, ExperimentGrid.SamplesOf(2, null, 0, 1)).Expand(ExperimentFixtures.Spec());
        var resplit = new ExperimentGrid([("relu", null)], [[4]], [], [], [], 1, 1, ExperimentGrid.SamplesOf(null, 2, 0.25, 1)).Expand(ExperimentFixtures.Spec());
        Assert.That(Identity(folds).DifferenceFrom(Identity(resplit), "b.jsonl"), Does.StartWith("a different grid"));
    }

    [Test]
    public void Date_ComesFromSourceDateEpoch_WhenSet()
    {
        Assert.That(ExperimentIdentity.Timestamp(ExperimentIdentity.Now(k => k == "SOURCE_DATE_EPOCH" ? "86400" : null)), Is.EqualTo("1970-01-02T00:00:00Z"));
        Assert.That(ExperimentIdentity.Now(_ => null), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void Read_RefusesAFileThatIsNotResults_WithItsLine()
    {
        string path = Path.Combine(_dir, "x.jsonl");
        File.WriteAllText(path, "{\"format\":\"other\"}\n");
        Assert.That(() => ResultsFile.Read(path), Throws.TypeOf<InvalidDataException>().With.Message.StartWith(path + ":1:"));
    }

    [TestCase("0/4", null, null, null, 0, 4)]
    [TestCase("3/4", null, null, null, 3, 4)]
    [TestCase(null, "5", "5", "4", 0, 4)] // Slurm --array=5-8: task 5 is shard 0
    [TestCase(null, "7", "5", "4", 2, 4)]
    [TestCase(null, "2", null, "4", 2, 4)] // no minimum given: the id is the index
    [TestCase("3", null, null, null, -1, -1)] // a count alone with no scheduler index
    public void Shard_ComesFromTheOptionOrTheScheduler(string? option, string? slurmId, string? slurmMin, string? slurmCount, int index, int count)
    {
        var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = slurmId, ["SLURM_ARRAY_TASK_MIN"] = slurmMin, ["SLURM_ARRAY_TASK_COUNT"] = slurmCount };
        if (index < 0)
        {
            Assert.That(() => GridShard.Resolve(option, k => env.GetValueOrDefault(k)), Throws.TypeOf<FormatException>());
            return;
        }
        Assert.That(GridShard.Resolve(option, k => env.GetValueOrDefault(k)), Is.EqualTo(new GridShard(index, count)));
    }

    [Test]
    public void Shard_FromAKubernetesIndexedJob_TakesTheCountFromTheOption()
    {
        var env = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = "2" };
        Assert.That(GridShard.Resolve("3", k => env.GetValueOrDefault(k)), Is.EqualTo(new GridShard(2, 3)));
        Assert.That(GridShard.Resolve(null, _ => null), Is.Null);
        Assert.That(() => GridShard.Resolve("4/4", _ => null), Throws.TypeOf<FormatException>().With.Message.Contain("0 ≤ K < N"));
    }

    [Test]
    public void Shards_PartitionTheGrid()
    {
        var shards = Enumerable.Range(0, 3).Select(k => new GridShard(k, 3)).ToList();
        for (int run = 0; run < 10; run++) Assert.That(shards.Count(s => s.Contains(run)), Is.EqualTo(1));
    }
}
