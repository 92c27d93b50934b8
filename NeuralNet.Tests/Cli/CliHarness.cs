using System.Text;

namespace NeuralNet.Tests.Cli;

/// <summary>Runs the command line in-process in a fresh temporary folder and captures what it prints.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "neuralnet-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>A path inside the temporary folder.</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Writes a file (UTF-8 without BOM unless the text starts with one) and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Runs <c>neuralnet args</c> and returns the exit code and the captured stdout and stderr.</summary>
    public static CliRun Run(params string[] args) => RunWith(CancellationToken.None, args);

    /// <summary>Runs with a cancellation token (Ctrl-C).</summary>
    public static CliRun RunWith(CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = NeuralNet.Cli.Cli.Run(args, output, error, interactive: false, cancellation);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>The repository's data/iris.csv.</summary>
    public static string IrisPath
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("NeuralNet.sln not found above the test folder"), "data", "iris.csv");
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a leftover temp folder is harmless
    }
}

/// <summary>What one run of the command line did.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Non-empty stderr lines.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
