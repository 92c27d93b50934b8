using System.CommandLine;

namespace NeuralNet.Cli.Commands;

/// <summary>placeholder</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context) => new("inspect", "todo");
}
