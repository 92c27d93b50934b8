using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Activations;

namespace NeuralNet.Cli.Commands;

/// <summary><c>neuralnet bench [S|M|L ...] [--optimizer sgd|adam] [--activation ...] [--threads N] [--gemm] [--peak] [--breakdown]</c>.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var configs = new Argument<string[]>("configs") { Description = "Configurations: S (4-16-16-3, batch 16), M (784-256-128-10, batch 128), L (1024-1024-1024-10, batch 256) [default: all]", Arity = ArgumentArity.ZeroOrMore };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd (lr 0.01) or adam (lr 0.001), as the peer scripts", DefaultValueFactory = _ => "sgd" }.AcceptOnlyFromAmong("sgd", "adam");
        var activation = new Option<string>("--activation", "-a") { Description = "Hidden activation", DefaultValueFactory = _ => "relu" }.AcceptOnlyFromAmong(ActivationRegistry.RectifierNames.ToArray());
        var threads = new Option<int?>("--threads") { Description = "Most threads a matrix multiply may use [default: all cores]" };
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats (the median is reported) after one untimed warm-up epoch", DefaultValueFactory = _ => 3 };
        var seconds = new Option<double>("--seconds") { Description = "Seconds per repeat (whole epochs, at least one)", DefaultValueFactory = _ => 1.5 };
        var gemm = new Option<bool>("--gemm") { Description = "Also measure GFLOP/s of each layer's forward, weight-gradient and input-gradient products alone, and what a step's products take alone (the ceiling of its share of the peak)" };
        var breakdown = new Option<bool>("--breakdown") { Description = "Also time each part of a step (gather, each layer's forward and backward, loss, update): median and 10th percentile of 1,500 replayed steps after 2,000 warm-up steps" };
        var peak = new Option<bool>("--peak") { Description = "First measure the FMA peak (register-only loop, 1 thread and all cores) and show each line's share of it (peak_pct)" };
        var command = new Command("bench", "Measure training samples/s, GFLOP/s and bytes allocated per step on the peer benchmark configurations (float32, synthetic data).")
        {
            configs, optimizer, activation, threads, repeats, seconds, gemm, peak, breakdown,
        };
        command.SetAction(r => BenchWorkflow.Run(r.GetValue(configs) ?? [], r.GetValue(optimizer)!, r.GetValue(activation)!, r.GetValue(threads),
            r.GetValue(repeats), r.GetValue(seconds), r.GetValue(gemm), r.GetValue(peak), r.GetValue(breakdown), new Reporter(context.Output, context.Error, Verbosity.Normal, interactive: false)));
        return command;
    }
}
