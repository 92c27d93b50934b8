// Entry point of the `neuralnet` command: wires the real console, SIGINT and SIGTERM to Cli.Run, which does everything else.
using NeuralNet.Cli;
using NeuralNet.Cli.Reporting;

using var cancellation = new CancellationTokenSource();
// Ctrl-C, SIGTERM (docker stop, kill, timeout, a batch scheduler): training stops after the current batch with a
// checkpoint; every other command stops at once, leaving no partial output; exit 130 (see SignalHandling).
using var signals = SignalHandling.Install(cancellation, Console.Error);
return Cli.Run(args, Console.Out, Console.Error, Terminal.IsInteractive(), cancellation.Token, Terminal.IsErrorOnlyInteractive());
