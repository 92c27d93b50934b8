using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Every numeric option of train, experiment and generate with hostile values (negative, zero, NaN, infinite, beyond
/// int, absurd sizes, not a number): each run must end with a documented exit code in one line — exit 70 (a bug) never.
/// </summary>
[NonParallelizable]
public class OptionFuzzTests
{
    private static readonly int[] Documented = [ExitCodes.Ok, ExitCodes.Usage, ExitCodes.Data, ExitCodes.Diverged];

    // Values that are wrong in kind or far out of range; none is a valid but long-running setting.
    private static readonly string[] Hostile = ["-1", "0", "nan", "NaN", "inf", "-inf", "1e309", "-1e309", "", "abc", "1,,2", "2147483648", "-2147483648"];

    // Sizes: valid numbers whose memory cannot exist, as well as the hostile ones.
    private static readonly string[] Sizes = [.. Hostile, "2147483647", "100000,100000", "65536,65536,65536"];

    private CliHarness _dir = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _dir = new CliHarness();

    [OneTimeTearDown]
    public void RemoveFolder() => _dir.Dispose();

    private static IEnumerable<TestCaseData> Cases()
    {
        string[] train = ["train", "{iris}", "--target", "species", "--epochs", "1", "--hidden", "4", "--seed", "1", "-q", "--out", "{out}"];
        string[] experiment = ["experiment", "{iris}", "--target", "species", "--epochs", "1", "--hidden", "4", "--seeds", "1", "--activations", "leaky-relu,prelu"];
        string[] generate = ["generate", "moons", "{out}", "--rows", "50"];
        var options = new (string[] Command, string Option, string[] Values)[]
        {
            (train, "--epochs", Sizes), (train, "--hidden", Sizes), (train, "--batch-size", Sizes), (train, "--lr", Hostile),
            (train, "--weight-decay", Hostile), (train, "--patience", Hostile), (train, "--dead-every", Hostile), (train, "--bias-init", Hostile),
            (train, "--clip-norm", Hostile), (train, "--validation-split", Hostile), (train, "--checkpoint-every", Hostile), (train, "--seed", Hostile),
            (experiment, "--epochs", Sizes), (experiment, "--hidden", Sizes), (experiment, "--batch-size", Sizes), (experiment, "--lr", Hostile),
            (experiment, "--alpha", Hostile), (experiment, "--patience", Hostile), (experiment, "--dead-every", Hostile),
            (experiment, "--bias-init", Hostile), (experiment, "--seeds", Sizes), (experiment, "--threads", Sizes),
            (experiment, "--validation-split", Hostile),
            (generate, "--rows", Sizes), (generate, "--noise", Hostile), (generate, "--features", Sizes),
        };
        foreach (var (command, option, values) in options)
            yield return new TestCaseData(command, option, values).SetName($"{command[0]} {option}");
        yield return new TestCaseData(new[] { "train", "{iris}", "--target", "species", "--epochs", "1", "--hidden", "4", "-q", "--out", "{out}", "--activation", "leaky-relu" },
            "--alpha", Hostile).SetName("train --alpha (leaky-relu)");
    }

    [TestCaseSource(nameof(Cases))]
    public void HostileValues_NeverReachAnInternalError(string[] command, string option, string[] values)
    {
        foreach (string value in values)
        {
            string[] args = [.. command.Select(a => a.Replace("{iris}", CliHarness.IrisPath).Replace("{out}", _dir.PathOf("out.file"))), option, value];
            var task = Task.Run(() => CliHarness.Run(args));
            Assert.That(task.Wait(TimeSpan.FromSeconds(30)), Is.True, $"{option} {value}: no answer in 30 s");
            var run = task.Result;
            Assert.That(Documented, Does.Contain(run.ExitCode), $"{option} '{value}': {run}");
            Assert.That(run.Output + run.Error, Does.Not.Contain("   at "), $"{option} '{value}': {run}");
            if (run.ExitCode != 0) Assert.That(run.ErrorLines, Has.Length.EqualTo(1), $"{option} '{value}': {run}");
        }
    }
}
