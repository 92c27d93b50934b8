using NeuralNet.Core.Export;
using NeuralNet.Core.Models;
using NeuralNet.Cli.Reporting;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet export MODEL --format onnx --out model.onnx</c>: the model and its preprocessing as one ONNX graph
/// (see docs/model-format.md, "ONNX export"), written atomically.
/// </summary>
public static class ExportWorkflow
{
    /// <summary>The formats that can be written.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["onnx"];

    /// <summary>Exports the model and returns the exit code.</summary>
    /// <exception cref="CliException">If the model cannot be read or exported, or the output cannot be written.</exception>
    public static int Run(string modelPath, string outPath, Reporter r)
    {
        OutputPaths.Check([modelPath], ("--out", outPath));
        var model = Model.Load(modelPath);
        byte[] bytes;
        try
        {
            bytes = model.ToOnnx();
        }
        catch (NotSupportedException e)
        {
            throw CliException.BadData($"{modelPath}: cannot export to ONNX: {e.Message}");
        }
        AtomicFile.Write(outPath, s => s.Write(bytes));
        string outputs = model.Target.IsClassification ? "probabilities, label" : "prediction";
        r.Line($"wrote {outPath} (ONNX opset {OnnxExporter.Opset}; input features [N, {model.Features.Count}]; outputs {outputs})");
        return ExitCodes.Ok;
    }
}
