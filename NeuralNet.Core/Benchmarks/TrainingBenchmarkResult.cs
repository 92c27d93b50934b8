using System.Globalization;

namespace NeuralNet.Core.Benchmarks;

/// <summary>Training throughput of one configuration: samples per second over the timed repeats, and what it implies.</summary>
/// <param name="Config">Configuration name (S, M, L).</param>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Activation">Hidden activation name.</param>
/// <param name="Threads">Threads a matrix multiply could use.</param>
/// <param name="SamplesPerSecond">Median over the repeats.</param>
/// <param name="MinSamplesPerSecond">Slowest repeat.</param>
/// <param name="MaxSamplesPerSecond">Fastest repeat.</param>
/// <param name="Repeats">Timed repeats.</param>
/// <param name="Epochs">Timed epochs over all repeats.</param>
/// <param name="GflopsPerSecond"><see cref="BenchmarkConfig.FlopsPerSample"/> × samples/s (median), in GFLOP/s.</param>
/// <param name="BytesPerStep">Managed bytes allocated per training step during the timed repeats (all threads).</param>
/// <param name="FirstLoss">Loss of the last batch of the warm-up epoch.</param>
/// <param name="LastLoss">Loss of the last batch timed.</param>
public sealed record TrainingBenchmarkResult(
    string Config,
    string Optimizer,
    string Activation,
    int Threads,
    double SamplesPerSecond,
    double MinSamplesPerSecond,
    double MaxSamplesPerSecond,
    int Repeats,
    int Epochs,
    double GflopsPerSecond,
    double BytesPerStep,
    double FirstLoss,
    double LastLoss)
{
    /// <summary>
    /// The share of <paramref name="peak"/> (measured on as many threads as this run's multiplies could use) that
    /// this run's GFLOP/s reach, in percent.
    /// </summary>
    public double PercentOf(FmaPeakResult peak)
    {
        ArgumentNullException.ThrowIfNull(peak);
        return peak.PercentReachedBy(GflopsPerSecond);
    }

    /// <summary>
    /// One line in the shape the peer scripts print, for side-by-side reading:
    /// <c>M neuralnet samples_per_s=... (min=... max=... reps=3 epochs=... opt=sgd act=relu threads=2 gflops=... bytes_per_step=... loss a-&gt;b)</c>.
    /// </summary>
    public string ToPeerLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Config} neuralnet samples_per_s={SamplesPerSecond:F0} (min={MinSamplesPerSecond:F0} max={MaxSamplesPerSecond:F0} " +
        $"reps={Repeats} epochs={Epochs} opt={Optimizer} act={Activation} threads={Threads} gflops={GflopsPerSecond:F1} " +
        $"bytes_per_step={BytesPerStep:F1} loss {FirstLoss:F3}->{LastLoss:F3})");
}
