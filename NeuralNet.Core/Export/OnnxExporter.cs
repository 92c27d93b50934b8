using System.Numerics;
using System.Text.Json;
using Google.Protobuf;
using NeuralNet.Core.Layers;
using Onnx;

namespace NeuralNet.Core.Export;

/// <summary>
/// Writes a trained <see cref="Mlp{T}"/> and its preprocessing as one ONNX graph (opset <see cref="Opset"/>, float):
/// input <c>features</c> [N, F] holds the raw numeric columns in model order and each text column has a string input
/// [N, 1] of its own (<see cref="OnnxInputs"/>); the graph scales and one-hot encodes them, runs every layer as Gemm
/// plus its activation, and ends in <c>probabilities</c> [N, classes] and <c>label</c> (int64 class index, [N]) for
/// classification, or <c>prediction</c> [N, 1] in target units for regression.
/// </summary>
/// <remarks>Class names are stored in the model's metadata under <c>classes</c> (a JSON array indexed by <c>label</c>),
/// the numeric input columns under <c>feature_names</c> and the text inputs under <c>text_inputs</c>; see docs/model-format.md.</remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph is written against: 13.</summary>
    public const long Opset = 13;

    private const long IrVersion = 7; // the IR version that goes with opset 13

    /// <summary>The exported model as bytes.</summary>
    /// <exception cref="ArgumentException">If the spec does not fit the network.</exception>
    /// <exception cref="NotSupportedException">If a text column is named like the numeric input, or an activation has no ONNX form.</exception>
    public static byte[] Export<T>(Mlp<T> network, OnnxExportSpec spec) where T : struct, IFloatingPointIeee754<T>
        => Build(network, spec).ToByteArray();

    /// <summary>Writes the exported model to <paramref name="destination"/>; nothing is written if the export fails.</summary>
    /// <exception cref="ArgumentException">If the spec does not fit the network.</exception>
    /// <exception cref="NotSupportedException">If a text column is named like the numeric input, or an activation has no ONNX form.</exception>
    public static void Export<T>(Mlp<T> network, OnnxExportSpec spec, Stream destination) where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Export(network, spec));
    }

    private static ModelProto Build<T>(Mlp<T> network, OnnxExportSpec spec) where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(spec);
        Validate(network, spec);
        var g = new OnnxGraphBuilder();
        var columns = spec.Columns;
        string x = OnnxInputs.Append(g, columns);
        foreach (var layer in network.Layers)
        {
            // W is stored column-major inputs × units, which read row-major is Wᵀ [units, inputs]: hence transB = 1.
            string w = g.Constant(layer.Name + "_W", OnnxActivations.ToFloats(layer.Weights.Value), layer.Units, layer.Inputs);
            string b = g.Constant(layer.Name + "_b", OnnxActivations.ToFloats(layer.Bias.Value), layer.Units);
            x = g.Node("Gemm", [x, w, b], null, OnnxGraphBuilder.Int("transB", 1));
            x = OnnxActivations.Append(g, layer.Activation, x);
        }
        OnnxOutputs.Append(g, spec.Output, x);

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "neuralnet",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(3) ?? "",
            Graph = g.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (OnnxInputs.UsesText(columns)) model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxInputs.MlDomain, Version = 1 });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "feature_names", Value = JsonSerializer.Serialize(columns.Where(c => !c.IsText).Select(c => c.Name).ToArray()) });
        if (OnnxInputs.UsesText(columns))
            model.MetadataProps.Add(new StringStringEntryProto { Key = "text_inputs", Value = JsonSerializer.Serialize(columns.Where(c => c.IsText).Select(c => c.Name).ToArray()) });
        if (spec.Output.Kind != ExportOutputKind.Regression)
            model.MetadataProps.Add(new StringStringEntryProto { Key = "classes", Value = JsonSerializer.Serialize(spec.Output.Classes.ToArray()) });
        return model;
    }

    private static void Validate<T>(Mlp<T> network, OnnxExportSpec spec) where T : struct, IFloatingPointIeee754<T>
    {
        if (spec.Columns.FirstOrDefault(c => c.IsText && c.Name == OnnxInputs.FeaturesInput) is { } clash)
            throw new NotSupportedException(
                $"text column '{clash.Name}' would need an input of the same name as the numeric input '{OnnxInputs.FeaturesInput}'; rename the column and retrain to export");
        if (spec.Columns.FirstOrDefault(c => c.IsText && c.Categories!.Count == 0) is { } empty)
            throw new ArgumentException($"Text column '{empty.Name}' has no categories.", nameof(spec));
        int width = spec.Columns.Sum(c => c.IsText ? c.Categories!.Count : 1);
        if (width != network.Inputs)
            throw new ArgumentException($"Expected columns {network.Inputs} network inputs wide, received {width}.", nameof(spec));
        if (spec.Columns.FirstOrDefault(c => !c.IsText && (c.Scale == 0 || !double.IsFinite(c.Scale) || !double.IsFinite(c.Offset))) is { } bad)
            throw new ArgumentException($"Column '{bad.Name}' needs a finite offset and a finite, non-zero scale; received {bad.Offset} and {bad.Scale}.", nameof(spec));
        var output = spec.Output;
        int expected = output.Kind switch
        {
            ExportOutputKind.Softmax => output.Classes.Count,
            _ => 1,
        };
        if (output.Kind == ExportOutputKind.Sigmoid && output.Classes.Count != 2)
            throw new ArgumentException($"A sigmoid output needs two classes, received {output.Classes.Count}.", nameof(spec));
        if (network.Outputs != expected)
            throw new ArgumentException($"A {output.Kind} output needs {expected} network outputs, the network has {network.Outputs}.", nameof(spec));
    }
}
