using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Cli.Commands;

/// <summary><c>neuralnet evaluate MODEL.json DATA.csv</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var model = new Argument<string>("model") { Description = "A model file written by 'neuralnet train'" };
        var data = new Argument<string>("data") { Description = "A CSV file with the model's feature columns and its target column" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout" };
        var command = new Command("evaluate", "Loss and metrics of a saved model on labelled data (accuracy, per-class precision/recall/F1 and confusion matrix, or MSE/MAE/R²), and the dead-neuron report on that data.")
        {
            model, data, json,
        };
        common.AddCsvOptions(command);
        common.AddVerbosityOptions(command, "Print more: which units are dead or inactive in each hidden layer");
        command.SetAction(r =>
        {
            var settings = Settings(r, common, model, data, r.GetValue(json), null);
            return EvaluateWorkflow.Run(settings, ModelCommandSupport.Reporter(context, settings));
        });
        return command;
    }

    internal static DataFileSettings Settings(ParseResult r, CommonOptions common, Argument<string> model, Argument<string>? data, bool json, string? outPath)
        => new(r.GetValue(model)!, data is null ? null : r.GetValue(data), common.GetDelimiter(r), r.GetValue(common.Culture), common.GetMissing(r),
            json ? Verbosity.Quiet : common.GetVerbosity(r), json, outPath) { MaxFileBytes = common.GetMaxFileBytes(r) };
}
