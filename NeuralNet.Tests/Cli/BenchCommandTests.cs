using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

public class BenchCommandTests
{
    [Test]
    public void BenchS_PrintsOnePeerShapedLine()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = NeuralNet.Cli.Cli.Run(["bench", "S", "--repeats", "1", "--seconds", "0.05"], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        var line = output.ToString().Trim();
        Assert.That(line, Does.StartWith("S neuralnet samples_per_s=").And.Contain("opt=sgd act=relu"));
        Assert.That(line, Does.Match(@"gflops=[0-9.]+ bytes_per_step=[0-9.]+ loss"));
    }

    [Test]
    public void BenchPeak_PrintsThePeakFirst_AndEachLinesShareOfIt()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = NeuralNet.Cli.Cli.Run(["bench", "S", "--repeats", "1", "--seconds", "0.05", "--peak"], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        var lines = output.ToString().Trim().Split('\n');
        Assert.That(lines[0], Does.Match(@"^peak fma isa=\S+ threads1_gflops=[0-9.]+"));
        Assert.That(lines[1], Does.StartWith("S neuralnet samples_per_s=").And.Match(@"peak_pct=([0-9.]+|NaN)$"));
    }

    [Test]
    public void BenchBreakdown_PrintsEachPartOfAStep_AfterItsLine()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = NeuralNet.Cli.Cli.Run(["bench", "S", "--repeats", "1", "--seconds", "0.05", "--breakdown", "--activation", "prelu", "--threads", "1"], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        var lines = output.ToString().Trim().Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.That(lines[0], Does.StartWith("S neuralnet samples_per_s=").And.Contain("act=prelu"));
        int layers = NeuralNet.Core.Benchmarks.BenchmarkConfig.S.Layers.Count - 1;
        var parts = new[] { "gather", "forward", "loss", "backward", "update", "step" }
            .Concat(Enumerable.Range(0, layers).Select(i => $"forward {i}")).Concat(Enumerable.Range(0, layers).Select(i => $"backward {i}"));
        Assert.That(lines.Skip(1).Select(l => l[..l.IndexOf(':')].Trim()), Is.EqualTo(parts.Select(p => $"breakdown {p}")));
        Assert.That(lines.Skip(1), Has.All.Match(@": median [0-9.]+ us, p10 [0-9.]+ us$"));
    }

    [Test]
    public void BenchGemm_PrintsEachProduct_ThenTheStepsProductsAlone_WithTheirShareOfThePeak()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = NeuralNet.Cli.Cli.Run(["bench", "S", "--repeats", "1", "--seconds", "0.01", "--gemm", "--peak", "--threads", "1"], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        var lines = output.ToString().Trim().Split('\n').Select(l => l.TrimEnd()).ToArray();
        var s = NeuralNet.Core.Benchmarks.BenchmarkConfig.S;
        int products = Enumerable.Range(0, s.Layers.Count - 1).Sum(i => NeuralNet.Core.Benchmarks.GemmBenchmark.LayerShapes(s, i).Length);
        Assert.That(lines, Has.Length.EqualTo(2 + products + 1));
        Assert.That(lines.Skip(2).Take(products), Has.All.Match(@"^  gemm S layer\d .* GFLOP/s \(min [0-9.]+, max [0-9.]+\), \d+ bytes/call$"));
        Assert.That(lines[^1], Does.Match(@"^  gemm S step products alone: [0-9.]+ us per step, [0-9.]+ GFLOP/s peak_pct=([0-9.]+|NaN)$"));
    }

    [Test]
    public void Bench_UnknownConfiguration_IsAUsageError()
    {
        var error = new StringWriter();
        Assert.That(NeuralNet.Cli.Cli.Run(["bench", "XL"], new StringWriter(), error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("'XL'").And.Contain("S, M or L"));
    }
}
