using System.Diagnostics;
using System.Globalization;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>
/// Builds the README's "Use from C#" program as its own console project that references only NeuralNet.Core, runs it
/// with a bounded heap, and checks what it printed against the model file it wrote.
/// </summary>
[Category("Example")]
public sealed class LibraryExampleTests
{
    [Test]
    public void ReadmeProgram_TrainsSavesLoadsAndPredicts_WithCoreAlone()
    {
        string root = Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.IrisPath))!;
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string block = Between(readme, "<!-- csharp-example:begin -->", "<!-- csharp-example:end -->");
        string code = Between(block, "```csharp", "```");
        Assert.That(code.Trim().Split('\n').Count(l => l.Trim().Length > 0), Is.LessThanOrEqualTo(10), "the README promises at most 10 lines");

        // Under the test output folder, so the repository's Directory.Build.props (warnings as errors) applies.
        string folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "example-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            string core = Path.Combine(root, "NeuralNet.Core", "NeuralNet.Core.csproj");
            File.WriteAllText(Path.Combine(folder, "Example.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>
                  <ItemGroup><ProjectReference Include="{core}" /></ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "Program.cs"), code);
            File.Copy(CliHarness.IrisPath, Path.Combine(folder, "iris.csv"));

            // No build server or node reuse: nothing outlives the test.
            var build = Start(folder, "dotnet", "build Example.csproj -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false -o out", heap: null);
            Assert.That(build.Exit, Is.EqualTo(0), build.Output);
            var run = Start(folder, "dotnet", "out/Example.dll", heap: "0x10000000"); // 256 MB
            Assert.That(run.Exit, Is.EqualTo(0), run.Output);

            var model = Model.Load(Path.Combine(folder, "iris-model.json"));
            var p = model.Predict(new float[] { 5.1f, 3.5f, 1.4f, 0.2f });
            string[] expected =
            [
                model.Predict(Path.Combine(folder, "iris.csv"))[0].Label!,
                $"{p.Label} {p.Probabilities.Max().ToString("F3", CultureInfo.CurrentCulture)}",
            ];
            Assert.That(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(expected));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { } // a leftover folder under bin/ is harmless
        }
    }

    private static string Between(string text, string start, string end)
    {
        int a = text.IndexOf(start, StringComparison.Ordinal);
        Assert.That(a, Is.GreaterThanOrEqualTo(0), $"'{start}' not found");
        a += start.Length;
        int b = text.IndexOf(end, a, StringComparison.Ordinal);
        Assert.That(b, Is.GreaterThan(a), $"'{end}' not found");
        return text[a..b];
    }

    private static (int Exit, string Output) Start(string folder, string file, string args, string? heap)
    {
        var info = new ProcessStartInfo(file, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        if (heap is not null) info.Environment["DOTNET_GCHeapHardLimit"] = heap;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(entireProcessTree: true); Assert.Fail($"{file} {args} did not finish"); }
        return (process.ExitCode, heap is null ? stdout + stderr.Result : stdout);
    }
}
