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
        common.AddVerbosityOptions(command);
        command.SetAction(r =>
        {
            var settings = Settings(r, common, model, data, r.GetValue(json), null);
            return EvaluateWorkflow.Run(settings, ModelCommandSupport.Reporter(context, settings));
        });
        return command;
    }

    internal static DataFileSettings Settings(ParseResult r, CommonOptions common, Argument<string> model, Argument<string>? data, bool json, string? outPath)
        => new(r.GetValue(model)!, data is null ? null : r.GetValue(data), common.GetDelimiter(r), r.GetValue(common.Culture), common.GetMissing(r),
            json ? Verbosity.Quiet : common.GetVerbosity(r), json, outPath);
}

/// <summary><c>neuralnet predict MODEL.json DATA.csv [--out preds.csv]</c>.</summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var model = new Argument<string>("model") { Description = "A model file written by 'neuralnet train'" };
        var data = new Argument<string>("data") { Description = "A CSV file with the model's feature columns (the target column may be absent)" };
        var outPath = new Option<string?>("--out", "-o") { Description = "Write the predictions to this CSV file [default: stdout]" };
        var command = new Command("predict", "Predict with a saved model: the input rows plus a 'prediction' column and one probability column per class.")
        {
            model, data, outPath,
        };
        common.AddCsvOptions(command);
        command.SetAction(r =>
        {
            var settings = EvaluateCommand.Settings(r, common, model, data, false, r.GetValue(outPath));
            return PredictWorkflow.Run(settings, ModelCommandSupport.Reporter(context, settings));
        });
        return command;
    }
}

/// <summary><c>neuralnet inspect MODEL.json [DATA.csv]</c>.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var model = new Argument<string>("model") { Description = "A model file written by 'neuralnet train'" };
        var data = new Argument<string?>("data") { Description = "Optional CSV file: show each hidden unit's activity on it and list the dead units", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("inspect", "Describe a saved model: architecture, parameter counts, activations and α, training settings and seed; with data, unit activity and dead units.")
        {
            model, data,
        };
        common.AddCsvOptions(command);
        command.SetAction(r =>
        {
            var settings = new DataFileSettings(r.GetValue(model)!, r.GetValue(data), common.GetDelimiter(r), r.GetValue(common.Culture),
                common.GetMissing(r), Verbosity.Normal, false, null);
            return InspectWorkflow.Run(settings, ModelCommandSupport.Reporter(context, settings));
        });
        return command;
    }
}

internal static class ModelCommandSupport
{
    public static Reporter Reporter(CliContext context, DataFileSettings settings)
        => new(context.Output, context.Error, settings.Verbosity, context.Interactive && !settings.Json);
}
