using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Cli.Commands;

/// <summary><c>neuralnet inspect MODEL.json [DATA.csv]</c>.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var model = new Argument<string>("model") { Description = "A model file written by 'neuralnet train'" };
        var data = new Argument<string?>("data") { Description = "Optional CSV file: show each hidden unit's activity on it and list the dead units", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the description (and the unit activity) as JSON on stdout" };
        var command = new Command("inspect", "Describe a saved model: architecture, parameter counts, activations and α, training settings and seed; with data, unit activity and dead units.")
        {
            model, data, json,
        };
        common.AddCsvOptions(command);
        command.SetAction(r =>
        {
            var settings = new DataFileSettings(r.GetValue(model)!, r.GetValue(data), common.GetDelimiter(r), r.GetValue(common.Culture),
                common.GetMissing(r), Verbosity.Normal, r.GetValue(json), null) { MaxFileBytes = common.GetMaxFileBytes(r) };
            return InspectWorkflow.Run(settings, ModelCommandSupport.Reporter(context, settings));
        });
        return command;
    }
}
