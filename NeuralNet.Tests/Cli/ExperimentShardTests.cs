using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

public class ExperimentShardTests
{
    private string _dir = "";
    private string _data = "";

    [SetUp]
    public void CreateData()
    {
        // Every process of the test then writes the same date, as a scheduler's shards do when given the same SOURCE_DATE_EPOCH.
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1800000000");
        _dir = Directory.CreateTempSubdirectory("nn-shards").FullName;
        _data = Path.Combine(_dir, "moons.csv");
        Assert.That(Run("generate", "moons", _data, "--rows", "120", "--seed", "4").Code, Is.EqualTo(ExitCodes.Ok));
    }

    [TearDown]
    public void RemoveFolder()
    {
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", null);
        Directory.Delete(_dir, recursive: true);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NeuralNet.Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private (int Code, string Out, string Err) Grid(params string[] extra)
        => Run(["experiment", _data, "--target", "label", "--activations", "relu,prelu", "--seeds", "3", "--epochs", "2", "--hidden", "6",
            "--threads", "2", .. extra]);

    private string F(string name) => Path.Combine(_dir, name);

    [Test]
    public void ThreeShardsMerged_GiveTheBytesOfOneProcess()
    {
        Assert.That(Grid("--results", F("one.jsonl"), "--out-csv", F("one.csv"), "--markdown", F("one.md")).Code, Is.EqualTo(ExitCodes.Ok));
        for (int k = 0; k < 3; k++)
        {
            var shard = Grid("--shard", $"{k}/3", "--results", F($"s{k}.jsonl"));
            Assert.That(shard.Code, Is.EqualTo(ExitCodes.Ok), shard.Err);
            Assert.That(File.ReadAllLines(F($"s{k}.jsonl")), Has.Length.EqualTo(1 + 2), "the identity line and this shard's 2 of 6 runs");
        }

        var merge = Run("experiment", "merge", F("s2.jsonl"), F("s0.jsonl"), F("s1.jsonl"), "--results", F("merged.jsonl"),
            "--out-csv", F("merged.csv"), "--markdown", F("merged.md"));

        Assert.That(merge.Code, Is.EqualTo(ExitCodes.Ok), merge.Err);
        Assert.That(File.ReadAllBytes(F("merged.jsonl")), Is.EqualTo(File.ReadAllBytes(F("one.jsonl"))));
        Assert.That(File.ReadAllBytes(F("merged.csv")), Is.EqualTo(File.ReadAllBytes(F("one.csv"))));
        Assert.That(File.ReadAllBytes(F("merged.md")), Is.EqualTo(File.ReadAllBytes(F("one.md"))));
    }

    [Test]
    public void Resume_RunsOnlyWhatIsMissing_AndEndsWithTheBytesOfOneProcess()
    {
        Assert.That(Grid("--results", F("one.jsonl")).Code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(Grid("--shard", "0/2", "--results", F("part.jsonl")).Code, Is.EqualTo(ExitCodes.Ok));

        var resumed = Grid("--resume", F("part.jsonl"));

        Assert.That(resumed.Code, Is.EqualTo(ExitCodes.Ok), resumed.Err);
        Assert.That(resumed.Out, Does.Contain("3 runs to go, 3 already in"));
        Assert.That(File.ReadAllBytes(F("part.jsonl")), Is.EqualTo(File.ReadAllBytes(F("one.jsonl"))));
    }

    [Test]
    public void Resume_AcceptsTheSameGridPrintedAtAnotherVerbosity()
    {
        Assert.That(Grid("--results", F("one.jsonl")).Code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(Grid("--shard", "0/2", "--results", F("part.jsonl"), "--quiet").Code, Is.EqualTo(ExitCodes.Ok));

        var resumed = Grid("--resume", F("part.jsonl"), "--verbose");

        Assert.That(resumed.Code, Is.EqualTo(ExitCodes.Ok), resumed.Err);
        Assert.That(File.ReadAllBytes(F("part.jsonl")), Is.EqualTo(File.ReadAllBytes(F("one.jsonl"))), "-q and -v only change what is printed");
    }

    [Test]
    public void Resume_RefusesTheResultsOfAnotherGrid_NamingTheDifference()
    {
        Assert.That(Grid("--results", F("one.jsonl")).Code, Is.EqualTo(ExitCodes.Ok));
        string before = File.ReadAllText(F("one.jsonl"));

        var other = Run("experiment", _data, "--target", "label", "--activations", "relu", "--seeds", "3", "--epochs", "2", "--hidden", "6", "--resume", F("one.jsonl"));

        Assert.That(other.Code, Is.EqualTo(ExitCodes.Data));
        Assert.That(other.Err, Does.Contain("cannot resume: a different grid: 3 runs"));
        Assert.That(File.ReadAllText(F("one.jsonl")), Is.EqualTo(before), "the results file is untouched");
    }

    [Test]
    public void Merge_RefusesShardsOfDifferentData_AndAnIncompleteSet()
    {
        Assert.That(Grid("--shard", "0/2", "--results", F("a0.jsonl")).Code, Is.EqualTo(ExitCodes.Ok));
        File.AppendAllText(_data, "0.5,0.5,class_a\n");
        Assert.That(Grid("--shard", "1/2", "--results", F("b1.jsonl")).Code, Is.EqualTo(ExitCodes.Ok));

        var mixed = Run("experiment", "merge", F("a0.jsonl"), F("b1.jsonl"));
        Assert.That(mixed.Code, Is.EqualTo(ExitCodes.Data));
        Assert.That(mixed.Err, Does.Contain("different data"));

        var incomplete = Run("experiment", "merge", F("a0.jsonl"));
        Assert.That(incomplete.Code, Is.EqualTo(ExitCodes.Data));
        Assert.That(incomplete.Err, Does.Contain("3 of 6 runs are in none of the files"));
    }

    [Test]
    public void Shard_OutOfRange_IsAUsageError()
    {
        var bad = Grid("--shard", "3/3");
        Assert.That(bad.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(bad.Err, Does.Contain("0 ≤ K < N"));
    }
}
