using System.Diagnostics;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>
/// Runs scripts/package_check.sh: both packages packed into a temporary folder, the tool installed from there and
/// trained with, and a consumer project built on NeuralNet.Core from the folder (README's install lines).
/// </summary>
[Category("Package")]
public sealed class PackageCheckTests
{
    [Test]
    public void PackedPackages_InstallTrainAndServeAConsumer()
    {
        string root = Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.IrisPath))!;
        var info = new ProcessStartInfo("bash", Path.Combine(root, "scripts", "package_check.sh"))
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        // No build server or node reuse: nothing the script starts outlives the test.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(6))) { process.Kill(entireProcessTree: true); Assert.Fail("package_check.sh did not finish in 6 minutes"); }
        Assert.That(process.ExitCode, Is.EqualTo(0), stdout + stderr.Result);
        Assert.That(stdout, Does.Contain("rows 150, first 'setosa', row 5.1,3.5,1.4,0.2 -> 'setosa'"));
        Assert.That(stdout, Does.Contain("package check passed"));
    }
}
