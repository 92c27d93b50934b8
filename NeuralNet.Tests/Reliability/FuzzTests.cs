using System.Text;
using System.Text.RegularExpressions;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Seeded random mutations of a valid CSV (data/iris.csv) and of a valid model file, run in-process through train,
/// evaluate, predict and inspect: every run must end with a documented exit code (70, an internal error, is a failure),
/// print no stack trace, and finish within a per-case timeout (a hang guard, not a speed test).
/// </summary>
[NonParallelizable]
public class FuzzTests
{
    /// <summary>Runs per fuzzer: 200 runs in all, about a second. NEURALNET_FUZZ_CASES raises it for a longer hunt.</summary>
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("NEURALNET_FUZZ_CASES"), out int n) && n > 0 ? n : 100;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);
    private static readonly int[] Documented = [ExitCodes.Ok, ExitCodes.Usage, ExitCodes.Data, ExitCodes.Diverged];
    private static readonly string[] NumberReplacements = ["-1", "0", "1e999", "-1e999", "99999999999", "2147483648", "3.5", "null", "\"x\"", "[]", "{}", "true"];

    private CliHarness _dir = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainValidModel()
    {
        _dir = new CliHarness();
        _model = _dir.PathOf("valid-model.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "5,3", "--seed", "1", "-q", "--out", _model);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void MutatedCsv_TrainAndEvaluate()
    {
        var rng = new Random(20261122);
        byte[] original = File.ReadAllBytes(CliHarness.IrisPath);
        for (int i = 0; i < Cases; i++)
        {
            string path = _dir.PathOf($"fuzz-{i}.csv");
            File.WriteAllBytes(path, MutateCsv(original, rng));
            string[] args = (i % 3) switch
            {
                0 => ["evaluate", _model, path, "-q"],
                1 => ["predict", _model, path, "--out", _dir.PathOf("preds.csv")],
                _ => ["train", path, "--target", "species", "--epochs", "1", "--hidden", "4", "--seed", "1", "--dead-every", "0", "-q", "--out", _dir.PathOf("fuzz-model.json")],
            };
            Check(args, $"case {i}: {path}");
        }
    }

    [Test]
    public void MutatedModel_EvaluatePredictInspect()
    {
        var rng = new Random(1122);
        byte[] original = File.ReadAllBytes(_model);
        for (int i = 0; i < Cases; i++)
        {
            string path = _dir.PathOf($"fuzz-model-{i}.json");
            File.WriteAllBytes(path, MutateModel(original, rng));
            string[] args = (i % 4) switch
            {
                0 => ["evaluate", path, CliHarness.IrisPath, "-q"],
                1 => ["predict", path, CliHarness.IrisPath, "--out", _dir.PathOf("preds.csv")],
                2 => ["inspect", path, CliHarness.IrisPath],
                _ => ["inspect", path],
            };
            Check(args, $"case {i}: {path}");
        }
    }

    private readonly Dictionary<int, int> _exits = new();

    [TearDown]
    public void ReportExitCodes()
    {
        TestContext.Out.WriteLine("exit codes: " + string.Join(", ", _exits.OrderBy(e => e.Key).Select(e => $"{e.Key}×{e.Value}")));
        _exits.Clear();
    }

    private void Check(string[] args, string what)
    {
        var task = Task.Run(() => CliHarness.Run(args));
        Assert.That(task.Wait(HangGuard), Is.True, $"{what}: no answer within {HangGuard.TotalSeconds} s (a hang?)");
        var run = task.Result;
        _exits[run.ExitCode] = _exits.GetValueOrDefault(run.ExitCode) + 1;
        Assert.That(Documented, Does.Contain(run.ExitCode), $"{what}: {string.Join(" ", args)}\n{run}");
        Assert.That(run.Output + run.Error, Does.Not.Contain("   at "), $"{what}\n{run}");
        if (run.ExitCode != 0) Assert.That(run.ErrorLines, Has.Length.EqualTo(1), $"{what}\n{run}");
    }

    private static byte[] MutateCsv(byte[] original, Random rng)
    {
        var lines = Encoding.UTF8.GetString(original).Split('\n').ToList();
        int count = 1 + rng.Next(3);
        for (int k = 0; k < count; k++)
        {
            int l = rng.Next(lines.Count);
            string line = lines[l];
            int at = line.Length == 0 ? 0 : rng.Next(line.Length + 1);
            string[] inserts = ["\"", ",", ";", "\t", "\r", "\n", "NaN", "inf", "1e309", "-", ".", "x", "\0", "\uFFFD", ",,", "\"\"", " "];
            lines[l] = rng.Next(8) switch
            {
                0 => line.Insert(at, inserts[rng.Next(inserts.Length)]),
                1 => line.Length > 0 ? line.Remove(Math.Min(at, line.Length - 1), 1) : line,
                2 => string.Empty,
                3 => lines[rng.Next(lines.Count)],
                4 => line.Length > 0 ? line[..at] : line,
                5 => Regex.Replace(line, @"\d", _ => rng.Next(10).ToString(), RegexOptions.None, TimeSpan.FromSeconds(1)),
                6 => line + "," + rng.Next(100),
                _ => line.Replace(',', rng.Next(2) == 0 ? ';' : '.'),
            };
        }
        byte[] bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        if (rng.Next(5) == 0 && bytes.Length > 0) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256); // a raw byte
        if (rng.Next(10) == 0) bytes = bytes[..rng.Next(bytes.Length + 1)]; // truncated
        return bytes;
    }

    private static byte[] MutateModel(byte[] original, Random rng)
    {
        string text = Encoding.UTF8.GetString(original);
        switch (rng.Next(6))
        {
            case 0: // truncated
                return original[..rng.Next(original.Length)];
            case 1: // random bytes
                var bytes = (byte[])original.Clone();
                for (int k = 0; k < 1 + rng.Next(4); k++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                return bytes;
            case 2: // a line deleted
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(rng.Next(lines.Count));
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            default: // a number or string token replaced
                var tokens = Regex.Matches(text, @"-?\d+(\.\d+)?([eE][-+]?\d+)?|""[^""]*""", RegexOptions.None, TimeSpan.FromSeconds(1));
                var t = tokens[rng.Next(tokens.Count)];
                string replacement = NumberReplacements[rng.Next(NumberReplacements.Length)];
                return Encoding.UTF8.GetBytes(text[..t.Index] + replacement + text[(t.Index + t.Length)..]);
        }
    }
}
