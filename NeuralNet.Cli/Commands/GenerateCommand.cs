using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;
using NeuralNet.Core.Datasets;

namespace NeuralNet.Cli.Commands;

/// <summary><c>neuralnet generate NAME OUT.csv [--rows N] [--noise S] [--seed S] [--features D]</c>.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Dataset: " + string.Join(", ", SyntheticDatasets.Names) }
            .AcceptOnlyFromAmong(SyntheticDatasets.Names.ToArray());
        var outPath = new Argument<string>("out") { Description = "CSV file to write" };
        var rows = new Option<int>("--rows", "-n") { Description = "Rows to draw", DefaultValueFactory = _ => 500 };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the Gaussian noise", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<long>("--seed", "-s") { Description = "Seed of every draw", DefaultValueFactory = _ => 1 };
        var features = new Option<int>("--features") { Description = "Feature columns for linear and uniform", DefaultValueFactory = _ => 2 };
        var command = new Command("generate", "Write a seeded synthetic dataset (xor, two moons, two spirals, circles, linear or Friedman #1 regression, or uniform probe inputs) as CSV.")
        {
            name, outPath, rows, noise, seed, features,
        };
        command.SetAction(r => GenerateWorkflow.Run(r.GetValue(name)!, r.GetValue(outPath)!, r.GetValue(rows), r.GetValue(noise),
            r.GetValue(seed), r.GetValue(features), new Reporter(context.Output, context.Error, Verbosity.Normal, interactive: false)));
        return command;
    }
}
