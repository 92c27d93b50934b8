namespace NeuralNet.Core;

/// <summary>A model or checkpoint file that cannot be read or used: not a model, another schema version, a missing or renamed parameter.</summary>
public sealed class ModelFileException : DataException
{
    /// <summary>Creates the error from its one-line message naming the file.</summary>
    /// <param name="message">What is wrong, starting with the file name.</param>
    /// <param name="file">The model file.</param>
    public ModelFileException(string message, string? file = null) : base(message, file) { }
}
