// Entry point of the `neuralnet` command: wires the real console and Ctrl-C to Cli.Run, which does everything else.
using NeuralNet.Cli;
using NeuralNet.Cli.Reporting;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
    e.Cancel = true; // keep running: training stops after the current batch and keeps the last finished epoch
    cancellation.Cancel();
};
return Cli.Run(args, Console.Out, Console.Error, Terminal.IsInteractive(), cancellation.Token);
