using System.Numerics;
using System.Text.Json;
using Google.Protobuf;
using NeuralNet.Core.Layers;
using Onnx;

namespace NeuralNet.Core.Export;

/// <summary>
/// Writes a trained <see cref="Mlp{T}"/> and its preprocessing as one ONNX graph (opset <see cref="Opset"/>, float):
/// input <c>features</c> [N, F] holds the raw numeric columns in model order; the graph scales them
/// (Sub, Div), runs every layer as Gemm plus its activation, and ends in <c>probabilities</c> [N, classes] and
/// <c>label</c> (int64 class index, [N]) for classification, or <c>prediction</c> [N, 1] in target units for regression.
/// </summary>
/// <remarks>Class names are stored in the model's metadata under <c>classes</c> (a JSON array indexed by <c>label</c>),
/// the input columns under <c>feature_names</c>. Text (one-hot) columns are refused: see docs/model-format.md.</remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph is written against: 13.</summary>
    public const long Opset = 13;

    private const long IrVersion = 7; // the IR version that goes with opset 13

    /// <summary>The exported model as bytes.</summary>
    /// <exception cref="ArgumentException">If the spec does not fit the network.</exception>
    /// <exception cref="NotSupportedException">If the model has a text column or an activation without an ONNX form.</exception>
    public static byte[] Export<T>(Mlp<T> network, OnnxExportSpec spec) where T : struct, IFloatingPointIeee754<T>
        => Build(network, spec).ToByteArray();

    /// <summary>Writes the exported model to <paramref name="destination"/>; nothing is written if the export fails.</summary>
    /// <exception cref="ArgumentException">If the spec does not fit the network.</exception>
    /// <exception cref="NotSupportedException">If the model has a text column or an activation without an ONNX form.</exception>
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
        string x = g.Input("features", columns.Count);
        x = g.Node("Sub", [x, g.Constant("offset", columns.Select(c => (float)c.Offset).ToArray(), columns.Count)]);
        x = g.Node("Div", [x, g.Constant("scale", columns.Select(c => (float)c.Scale).ToArray(), columns.Count)]);
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
        model.MetadataProps.Add(new StringStringEntryProto { Key = "feature_names", Value = JsonSerializer.Serialize(columns.Select(c => c.Name).ToArray()) });
        if (spec.Output.Kind != ExportOutputKind.Regression)
            model.MetadataProps.Add(new StringStringEntryProto { Key = "classes", Value = JsonSerializer.Serialize(spec.Output.Classes.ToArray()) });
        return model;
    }

    private static void Validate<T>(Mlp<T> network, OnnxExportSpec spec) where T : struct, IFloatingPointIeee754<T>
    {
        if (spec.Columns.FirstOrDefault(c => c.IsText) is { } text)
            throw new NotSupportedException(
                $"column '{text.Name}' is a text (one-hot) column, and ONNX export takes numeric columns only; retrain without it (--drop {text.Name}) to export");
        if (spec.Columns.Count != network.Inputs)
            throw new ArgumentException($"Expected {network.Inputs} numeric columns for the network's inputs, received {spec.Columns.Count}.", nameof(spec));
        if (spec.Columns.FirstOrDefault(c => c.Scale == 0 || !double.IsFinite(c.Scale) || !double.IsFinite(c.Offset)) is { } bad)
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
