using System.CommandLine;
using NeuralNet.Cli.Reporting;
using NeuralNet.Cli.Workflows;

namespace NeuralNet.Cli.Commands;

/// <summary><c>neuralnet export MODEL.json --format onnx --out model.onnx</c>.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A model file written by 'neuralnet train'" };
        var format = new Option<string>("--format", "-f") { Description = "Format to write", DefaultValueFactory = _ => "onnx" };
        format.AcceptOnlyFromAmong([.. ExportWorkflow.Formats]);
        var outPath = new Option<string>("--out", "-o") { Description = "File to write", DefaultValueFactory = _ => "model.onnx" };
        var command = new Command("export", "Write a saved model, with its input scaling, as an ONNX graph for ONNX Runtime and other tools (see docs/model-format.md).")
        {
            model, format, outPath,
        };
        command.SetAction(r => ExportWorkflow.Run(r.GetValue(model)!, r.GetValue(outPath)!,
            new Reporter(context.Output, context.Error, Verbosity.Normal, context.Interactive)));
        return command;
    }
}
