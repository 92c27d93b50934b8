using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Cli.Commands;

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
