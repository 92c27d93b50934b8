using System.Diagnostics;
using System.Runtime.InteropServices;
using NeuralNet.Cli;
using NeuralNet.Cli.Persistence;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Real signals to a child <c>neuralnet</c> process (bounded heap) at seeded random moments, for train, predict and
/// generate: SIGINT and SIGTERM end it with exit 130 (or 0 if it had already finished); SIGKILL ends it at once. In
/// every case the files it leaves are whole: the old model or a valid new one, no checkpoint or a valid one, no
/// prediction or generated file or a complete one, and (except after SIGKILL) no temporary file.
/// </summary>
[NonParallelizable]
public class SignalKillTests
{
    private const int SigInt = 2, SigKill = 9, SigTerm = 15;
    private static readonly string Neuralnet = Path.Combine(TestContext.CurrentContext.TestDirectory, "neuralnet.dll");

    private CliHarness _dir = null!;
    private string _model = null!;
    private byte[] _oldModel = null!;
    private string _rows = null!;
    private int _rowCount;

    [OneTimeSetUp]
    public void Prepare()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("POSIX signals");
        _dir = new CliHarness();
        _model = _dir.PathOf("old-model.json");
        var train = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--epochs", "2", "--hidden", "4", "--seed", "1", "-q", "--out", _model);
        Assert.That(train.ExitCode, Is.EqualTo(0), train.ToString());
        _oldModel = File.ReadAllBytes(_model);
        // Iris repeated: enough rows that predict is still busy for a moment.
        var lines = File.ReadAllLines(CliHarness.IrisPath);
        var body = Enumerable.Repeat(lines[1..], 400).SelectMany(l => l).ToList();
        _rowCount = body.Count;
        _rows = _dir.PathOf("rows.csv");
        File.WriteAllLines(_rows, [lines[0], .. body]);
    }

    [OneTimeTearDown]
    public void TearDown() => _dir?.Dispose();

    [Test]
    public void Signals_LeaveOnlyWholeFiles()
    {
        var rng = new Random(1202);
        var results = new List<string>();
        int[] signals = [SigInt, SigTerm, SigKill];
        string[] commands = ["train", "predict", "generate"];
        var cases = commands.SelectMany(c => signals.Select(s => (Command: c, Signal: s))).ToList();
        // Three children at a time keep the test at a few seconds; each has its own folder.
        foreach (var batch in cases.Chunk(3))
        {
            var runs = batch.Select((c, i) => (c.Command, c.Signal, Delay: c.Command == "train" ? rng.Next(0, 800) : rng.Next(600, 2500), Folder: Directory.CreateDirectory(_dir.PathOf($"{c.Command}-{c.Signal}")).FullName)).ToList();
            var tasks = runs.Select(r => Task.Run(() => RunAndSignal(r.Command, r.Signal, r.Delay, r.Folder))).ToArray();
            Task.WaitAll(tasks);
            results.AddRange(tasks.Select(t => t.Result));
        }
        TestContext.Out.WriteLine(string.Join("\n", results));
    }

    private string RunAndSignal(string command, int signal, int delayMs, string folder)
    {
        string model = Path.Combine(folder, "model.json"), checkpoint = Path.Combine(folder, "model.checkpoint.json");
        string preds = Path.Combine(folder, "preds.csv"), generated = Path.Combine(folder, "generated.csv");
        File.WriteAllBytes(model, _oldModel);
        string[] args = command switch
        {
            "train" => ["train", CliHarness.IrisPath, "--target", "species", "--epochs", "100000", "--hidden", "8", "--seed", "3", "--checkpoint-every", "1", "--out", model],
            "predict" => ["predict", _model, _rows, "--out", preds],
            _ => ["generate", "spirals", generated, "--rows", "1000000", "--seed", "1"],
        };
        var info = new ProcessStartInfo("dotnet", [Neuralnet, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x20000000"; // 512 MiB: a regression cannot take the machine's memory
        using var process = Process.Start(info)!;
        // Training is signalled a random moment after its first epoch line (in the middle of training, checkpoints,
        // saving); the other commands a random moment after start (reading, predicting, writing).
        var trained = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) => { if (e.Data?.StartsWith("epoch ", StringComparison.Ordinal) == true) trained.Set(); };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        if (command == "train") trained.Wait(TimeSpan.FromSeconds(30));
        bool exitedEarly = process.WaitForExit(delayMs);
        bool ignoredSigint = signal == SigInt && IgnoresSigint(process.Id); // a child of a background job inherits SIGINT ignored
        if (!exitedEarly) Assert.That(kill(process.Id, ignoredSigint ? SigTerm : signal), Is.EqualTo(0), "kill failed");
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} did not stop within 30 s of signal {signal}");
        }
        string what = $"{command} signal {signal}{(ignoredSigint ? " (SIGINT ignored: sent SIGTERM)" : "")} after {delayMs} ms: exit {process.ExitCode}";
        string err = stderr.Result;
        if (signal == SigKill && !exitedEarly) Assert.That(process.ExitCode, Is.EqualTo(128 + SigKill), what);
        // 128 + the signal, with nothing printed: it came while the runtime was still starting, before the handlers were installed.
        else Assert.That(process.ExitCode, Is.AnyOf(0, ExitCodes.Cancelled, 128 + (ignoredSigint ? SigTerm : signal)), $"{what}\n{err}");
        string last = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (process.ExitCode != 0 && last.Length > 0) Assert.That(last, Does.StartWith("warning: interrupted").Or.EqualTo("error: cancelled"), what);

        // The model: the old bytes, or a whole new model.
        if (!File.ReadAllBytes(model).SequenceEqual(_oldModel)) Assert.That(() => ModelStore.Load(model), Throws.Nothing, what);
        if (File.Exists(checkpoint)) Assert.That(() => CheckpointStore.Load(checkpoint), Throws.Nothing, what);
        if (File.Exists(preds)) Assert.That(File.ReadLines(preds).Count(), Is.EqualTo(_rowCount + 1), $"{what}: partial predictions");
        if (File.Exists(generated)) Assert.That(File.ReadLines(generated).Count(), Is.EqualTo(1_000_001), $"{what}: a partial generated file");
        var temps = Directory.GetFiles(folder, ".*.tmp");
        if (signal != SigKill) Assert.That(temps, Is.Empty, $"{what}: temporary files left");
        return $"{what}; checkpoint {(File.Exists(checkpoint) ? "valid" : "none")}; temporary files {temps.Length}";
    }

    /// <summary>Whether the process ignores SIGINT (bit 2 of SigIgn in /proc/PID/status).</summary>
    private static bool IgnoresSigint(int pid)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & (1UL << (SigInt - 1))) != 0;
        }
        catch (IOException) { return false; }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
