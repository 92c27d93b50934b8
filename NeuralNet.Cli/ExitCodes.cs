namespace NeuralNet.Cli;

/// <summary>The process exit codes of <c>neuralnet</c>, documented in README.md.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Usage error: an unknown option, a bad option value, a missing argument.</summary>
    public const int Usage = 1;

    /// <summary>Data or input error: a missing or malformed file, a bad value in the data, a model file that cannot be read.</summary>
    public const int Data = 2;

    /// <summary>Training diverged: the loss became NaN or infinite.</summary>
    public const int Diverged = 3;

    /// <summary>Cancelled with Ctrl-C (128 + SIGINT, the shell convention).</summary>
    public const int Cancelled = 130;
}
