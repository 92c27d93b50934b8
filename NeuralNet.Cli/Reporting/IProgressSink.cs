namespace NeuralNet.Cli.Reporting;

/// <summary>Receives progress (steps done) for a progress bar.</summary>
public interface IProgressSink
{
    /// <summary>Sets the number of steps done.</summary>
    void Report(int done);
}
