// Entry point of the `neuralnet` command: wires the real console, Ctrl-C and SIGTERM to Cli.Run, which does everything else.
using System.Runtime.InteropServices;
using NeuralNet.Cli;
using NeuralNet.Cli.Reporting;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
    e.Cancel = true; // keep running: training stops after the current batch and keeps the last finished epoch
    cancellation.Cancel();
};
// SIGTERM (docker stop, kill, a batch scheduler) stops training the same way: after the current batch, with a checkpoint.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true; // do not terminate at once; Cli.Run returns after saving
    cancellation.Cancel();
});
return Cli.Run(args, Console.Out, Console.Error, Terminal.IsInteractive(), cancellation.Token, Terminal.IsErrorOnlyInteractive());
