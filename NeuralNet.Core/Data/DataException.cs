namespace NeuralNet.Core.Data;

/// <summary>
/// Bad input data: a one-line message for the user that names the file and, where there is one, the line and column
/// (<c>data.csv:12: column 'x' value 'abc' is not a number</c>). The CLI turns it into exit code 2.
/// </summary>
public sealed class DataException : Exception
{
    /// <summary>Creates the error with its one-line message.</summary>
    public DataException(string message) : base(message) { }
}
