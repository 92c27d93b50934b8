using System.CommandLine;

namespace NeuralNet.Cli.Commands;

/// <summary>placeholder</summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context) => new("predict", "todo");
}
