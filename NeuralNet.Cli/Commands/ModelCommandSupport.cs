using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Cli.Commands;

/// <summary>What the model commands share.</summary>
internal static class ModelCommandSupport
{
    public static Reporter Reporter(CliContext context, DataFileSettings settings)
        => new(context.Output, context.Error, settings.Verbosity, context.Interactive && !settings.Json);
}
