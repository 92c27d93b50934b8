using System.Globalization;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Benchmarks;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet bench</c>: training throughput of the peer configurations (S, M, L) in the same line shape as
/// ../shared/bench's PyTorch and scikit-learn scripts; with <c>--peak</c> the FMA peak on 1 and 2 threads first and
/// each line's share of it; with <c>--gemm</c> the GFLOP/s of each layer's three products and what a step's products
/// take when each runs alone (<see cref="StepProductsAlone"/>), the ceiling of the step's share of the peak.
/// </summary>
public static class BenchWorkflow
{
    /// <summary>Runs the benchmark and returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> configs, string optimizer, string activation, int? threads, int repeats, double seconds, bool gemm,
        bool peak, bool breakdown, Reporter reporter)
    {
        if (threads is { } t) OptionRules.Positive("--threads", t);
        OptionRules.Positive("--repeats", repeats);
        // An infinite --seconds would time one repeat forever.
        if (!(seconds > 0 && double.IsFinite(seconds))) throw CliException.Usage($"--seconds expects a finite number > 0; received {seconds}");
        var selected = (configs.Count == 0 ? ["S", "M", "L"] : configs).Select(Config).ToList();
        var peaks = peak ? MeasurePeaks(reporter) : null;
        foreach (var config in selected)
        {
            var result = TrainingBenchmark.Run(new TrainingBenchmarkOptions(config, optimizer, new ActivationSpec(activation), repeats, seconds, threads));
            string share = peaks is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $" peak_pct={result.PercentOf(PeakFor(peaks, result.Threads)):F1}");
            reporter.Line(result.ToPeerLine() + share);
            if (gemm)
            {
                // Each product repeat as long as a training repeat, up to 0.2 s (a short --seconds keeps a quick run quick).
                var products = GemmBenchmark.ForConfig(config, secondsPerRepeat: Math.Min(0.2, seconds), threads: threads);
                foreach (var g in products)
                    reporter.Line(string.Create(CultureInfo.InvariantCulture,
                        $"  gemm {g.Label} {g.Product} {g.M}x{g.N}x{g.K}: {g.Gflops:F1} GFLOP/s (min {g.MinGflops:F1}, max {g.MaxGflops:F1}), {g.BytesPerCall:F0} bytes/call"));
                // The ceiling a step cannot pass while its products run no faster than alone.
                var alone = StepProductsAlone.From(config, products);
                string aloneShare = peaks is null ? "" : string.Create(CultureInfo.InvariantCulture,
                    $" peak_pct={alone.PercentOf(PeakFor(peaks, result.Threads)):F1}");
                reporter.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  gemm {config.Name} step products alone: {alone.MicrosecondsPerStep:F1} us per step, {alone.GflopsPerSecond:F1} GFLOP/s{aloneShare}"));
            }
            if (breakdown)
                foreach (var part in StepBreakdown.Run(config, optimizer, activation: new ActivationSpec(activation), threads: threads))
                    reporter.Line(string.Create(CultureInfo.InvariantCulture,
                        $"  breakdown {part.Name}: median {part.MedianMicroseconds:F1} us, p10 {part.P10Microseconds:F1} us"));
        }
        return ExitCodes.Ok;
    }

    /// <summary>The peak on 1 thread and on every core, printed as one <c>peak ...</c> line.</summary>
    private static List<FmaPeakResult> MeasurePeaks(Reporter reporter)
    {
        var counts = new SortedSet<int> { 1, Environment.ProcessorCount };
        var peaks = counts.Select(t => FmaPeak.Measure(t)).ToList();
        reporter.Line($"peak fma isa={FmaPeak.Isa} " + string.Join(" ", peaks.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"threads{p.Threads}_gflops={p.GflopsPerSecond:F1}"))));
        return peaks;
    }

    /// <summary>The peak measured on the most threads not above <paramref name="threads"/>.</summary>
    private static FmaPeakResult PeakFor(List<FmaPeakResult> peaks, int threads)
        => peaks.LastOrDefault(p => p.Threads <= threads) ?? peaks[0];

    private static BenchmarkConfig Config(string name)
    {
        try { return BenchmarkConfig.Get(name); }
        catch (ArgumentException) { throw CliException.Usage($"unknown benchmark configuration '{name}'; expected S, M or L"); }
    }
}
