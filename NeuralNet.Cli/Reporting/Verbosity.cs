namespace NeuralNet.Cli.Reporting;

/// <summary>How much a command prints on stdout.</summary>
public enum Verbosity
{
    /// <summary>Only the final summary line (and errors on stderr).</summary>
    Quiet,

    /// <summary>The data summary, one line per epoch, the end-of-run report.</summary>
    Normal,

    /// <summary>Also the column encodings, the initial measurement and per-layer dead counts on every epoch line.</summary>
    Verbose,
}
