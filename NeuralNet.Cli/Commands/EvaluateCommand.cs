using System.CommandLine;

namespace NeuralNet.Cli.Commands;

/// <summary>placeholder</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context) => new("evaluate", "todo");
}
