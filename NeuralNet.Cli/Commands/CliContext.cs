namespace NeuralNet.Cli.Commands;

/// <summary>What a command needs from its surroundings besides its arguments: where to write, and when to stop.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Interactive">Whether stdout is an interactive terminal (progress bar, colours); false in tests and pipes.</param>
/// <param name="Cancellation">Fires on Ctrl-C: training stops after the current batch.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, bool Interactive, CancellationToken Cancellation);
