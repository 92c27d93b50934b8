using Spectre.Console;

namespace NeuralNet.Cli.Reporting;

/// <summary>What the real terminal can do.</summary>
public static class Terminal
{
    /// <summary>
    /// True only when stdout is a terminal a person is looking at: not redirected to a file or pipe, and Spectre
    /// agrees it is interactive. Only then are progress bars and colours used.
    /// </summary>
    public static bool IsInteractive() =>
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive
        && AnsiConsole.Profile.Capabilities.Ansi;

    /// <summary>
    /// True when stdout goes to a file or pipe but stderr is still a terminal (<c>neuralnet train … &gt; log.txt</c>):
    /// the lines go to the file and a progress bar can still be drawn on stderr, as tqdm does.
    /// </summary>
    public static bool IsErrorOnlyInteractive() =>
        Console.IsOutputRedirected && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";
}
