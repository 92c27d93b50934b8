using System.Text;
using System.Text.RegularExpressions;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Seeded random mutations of a valid checkpoint (truncation, raw bytes, a deleted line, a number or string replaced by
/// an edge value, an array cut short, a block's base64 cut or changed, a block's dtype or shape replaced), each resumed
/// with <c>train --resume</c>: every run ends with a documented exit code and one line (never 70), within a hang guard,
/// and a refused checkpoint writes no model.
/// </summary>
[NonParallelizable]
public class CheckpointFuzzTests
{
    /// <summary>100 mutations by default, a few seconds; NEURALNET_FUZZ_CASES raises it for a longer hunt.</summary>
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("NEURALNET_FUZZ_CASES"), out int n) && n > 0 ? n : 100;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly int[] Documented = [ExitCodes.Ok, ExitCodes.Usage, ExitCodes.Data, ExitCodes.Diverged];
    private static readonly string[] Replacements =
        ["-1", "0", "-5", "1e999", "-1e999", "2147483647", "2147483648", "-2147483648", "9223372036854775807", "3.5", "null", "\"x\"", "[]", "{}", "true", "[0,0,0,0]"];
    private static readonly string[] Dtypes = ["float32", "float64", "int32", "int64", "uint64", "bfloat16", ""];
    private static readonly string[] Shapes = ["[]", "[0]", "[1]", "[-1]", "[4]", "[4, 4]", "[2147483647, 2]", "[65536, 65536, 65536]", "[120]"];
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=!";

    private CliHarness _dir = null!;
    private byte[] _valid = null!;

    [OneTimeSetUp]
    public void SaveACheckpoint()
    {
        _dir = new CliHarness();
        string checkpoint = _dir.PathOf("valid.checkpoint.json");
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--hidden", "4,3", "--epochs", "4", "--seed", "1", "-q",
            "--patience", "3", "--checkpoint-every", "2", "--checkpoint", checkpoint, "--out", _dir.PathOf("valid.json"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        _valid = File.ReadAllBytes(checkpoint);
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void MutatedCheckpoint_Resume()
    {
        var rng = new Random(20261202);
        var exits = new Dictionary<int, int>();
        for (int i = 0; i < Cases; i++)
        {
            string path = _dir.PathOf($"fuzz-{i}.checkpoint.json");
            File.WriteAllBytes(path, Mutate(_valid, rng));
            string model = _dir.PathOf($"fuzz-{i}.json");
            string[] args = ["train", "--resume", path, "--epochs", "5", "--out", model, "--checkpoint", _dir.PathOf($"fuzz-{i}.out.checkpoint.json"), "-q"];
            var task = Task.Run(() => CliHarness.Run(args));
            Assert.That(task.Wait(HangGuard), Is.True, $"case {i}: no answer within {HangGuard.TotalSeconds} s (a hang?)");
            var run = task.Result;
            exits[run.ExitCode] = exits.GetValueOrDefault(run.ExitCode) + 1;
            Assert.That(Documented, Does.Contain(run.ExitCode), $"case {i}: {path}\n{run}");
            Assert.That(run.Output + run.Error, Does.Not.Contain("   at "), $"case {i}\n{run}");
            if (run.ExitCode == 0) continue;
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), $"case {i}\n{run}");
            Assert.That(File.Exists(model), Is.False, $"case {i}: a refused checkpoint wrote a model\n{run}");
        }
        TestContext.Out.WriteLine("exit codes: " + string.Join(", ", exits.OrderBy(e => e.Key).Select(e => $"{e.Key}×{e.Value}")));
    }

    private static byte[] Mutate(byte[] original, Random rng)
    {
        string text = Encoding.UTF8.GetString(original);
        switch (rng.Next(10))
        {
            case 0: // truncated
                return original[..rng.Next(original.Length)];
            case 1: // random bytes
                var bytes = (byte[])original.Clone();
                for (int k = 0; k < 1 + rng.Next(4); k++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                return bytes;
            case 2: // a line deleted (an array entry, a field, a bracket)
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(rng.Next(lines.Count));
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            case 3: // an array cut short or emptied
                var arrays = Regex.Matches(text, @"\[[^\[\]]*\]", RegexOptions.None, TimeSpan.FromSeconds(1));
                var a = arrays[rng.Next(arrays.Count)];
                string inner = a.Value[1..^1];
                int cut = inner.Length == 0 ? 0 : rng.Next(inner.Length);
                int comma = inner.LastIndexOf(',', Math.Max(cut - 1, 0));
                string shorter = "[" + (comma > 0 ? inner[..comma] : "") + "]";
                return Encoding.UTF8.GetBytes(text[..a.Index] + shorter + text[(a.Index + a.Length)..]);
            case 7: // a block's base64 cut short, or one of its characters changed
            case 8:
                var data = Regex.Matches(text, @"""data"": ""([^""]*)""", RegexOptions.None, TimeSpan.FromSeconds(1));
                var g = data[rng.Next(data.Count)].Groups[1];
                int at = rng.Next(g.Length + 1);
                string changed = rng.Next(2) == 0 || g.Length == 0
                    ? g.Value[..at]
                    : g.Value[..Math.Min(at, g.Length - 1)] + Base64[rng.Next(Base64.Length)] + g.Value[(Math.Min(at, g.Length - 1) + 1)..];
                return Encoding.UTF8.GetBytes(text[..g.Index] + changed + text[(g.Index + g.Length)..]);
            case 9: // a block's dtype or shape replaced
                var fields = Regex.Matches(text, @"""dtype"": ""[^""]*""|""shape"": \[[^\]]*\]", RegexOptions.None, TimeSpan.FromSeconds(1));
                var f = fields[rng.Next(fields.Count)];
                string replacement = f.Value.StartsWith("\"dtype\"") ? $"\"dtype\": \"{Dtypes[rng.Next(Dtypes.Length)]}\"" : $"\"shape\": {Shapes[rng.Next(Shapes.Length)]}";
                return Encoding.UTF8.GetBytes(text[..f.Index] + replacement + text[(f.Index + f.Length)..]);
            default: // a number or string token replaced by an edge value
                var tokens = Regex.Matches(text, @"-?\d+(\.\d+)?([eE][-+]?\d+)?|""[^""]*""", RegexOptions.None, TimeSpan.FromSeconds(1));
                var t = tokens[rng.Next(tokens.Count)];
                return Encoding.UTF8.GetBytes(text[..t.Index] + Replacements[rng.Next(Replacements.Length)] + text[(t.Index + t.Length)..]);
        }
    }
}
