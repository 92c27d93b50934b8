namespace NeuralNet.Cli;

/// <summary>
/// An error meant for the user: <see cref="Cli.Run"/> prints its one-line message on stderr as
/// <c>error: message</c> (no stack trace) and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates an error with a message and an exit code from <see cref="ExitCodes"/>.</summary>
    public CliException(int exitCode, string message) : base(message) => ExitCode = exitCode;

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>A data or input error (exit code 2).</summary>
    public static CliException BadData(string message) => new(ExitCodes.Data, message);

    /// <summary>A usage error (exit code 1).</summary>
    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
