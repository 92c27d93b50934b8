namespace NeuralNet.Cli.Commands;

/// <summary>What a command needs from its surroundings besides its arguments: where to write, and when to stop.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Interactive">Whether stdout is an interactive terminal (progress bar, colours); false in tests and pipes.</param>
/// <param name="Cancellation">Fires on Ctrl-C: training stops after the current batch.</param>
/// <param name="ProgressOnError">Stdout is redirected but stderr is a terminal: progress bars go to stderr (as tqdm's).</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, bool Interactive, CancellationToken Cancellation, bool ProgressOnError = false)
{
    /// <summary>Where a long command draws its progress bar when stdout is not a terminal, or null.</summary>
    public TextWriter? ProgressWriter => ProgressOnError && !Interactive ? Error : null;
}
