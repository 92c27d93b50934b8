namespace NeuralNet.Core;

/// <summary>
/// Bad input: a missing or malformed file, a bad value in the data, a model file that cannot be used. The message is one
/// line meant for the user and already names the file (and line and column where there is one); the command line prints
/// it as is and exits with its data-error code.
/// </summary>
public class DataException : Exception
{
    /// <summary>Creates the error from its one-line message.</summary>
    /// <param name="message">What is wrong, starting with <c>file</c> or <c>file:line</c>.</param>
    /// <param name="file">The file at fault, if known.</param>
    /// <param name="line">The 1-based line at fault, if known.</param>
    public DataException(string message, string? file = null, long? line = null) : base(message)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file at fault, or null when the message does not name a single file.</summary>
    public string? File { get; }

    /// <summary>The 1-based line at fault, or null.</summary>
    public long? Line { get; }
}
