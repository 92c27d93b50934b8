namespace NeuralNet.Core;

/// <summary>
/// A setting that cannot be used (an unknown culture, a loss that does not fit the task, an option a resumed network
/// cannot take). The command line maps it to its usage-error code.
/// </summary>
public sealed class SpecException : Exception
{
    /// <summary>Creates the error from its one-line message.</summary>
    /// <param name="message">What is wrong and what is expected.</param>
    public SpecException(string message) : base(message) { }
}
