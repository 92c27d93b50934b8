using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuralNet.Core.Export;

/// <summary>The graph's outputs: <c>probabilities</c> and <c>label</c> for classification, <c>prediction</c> for regression.</summary>
internal static class OnnxOutputs
{
    /// <summary>Appends the nodes that turn the last layer's output <paramref name="y"/> into the named outputs.</summary>
    public static void Append(OnnxGraphBuilder g, ExportOutput output, string y)
    {
        switch (output.Kind)
        {
            case ExportOutputKind.Regression:
                string scaled = g.Node("Mul", [y, g.Constant("target_scale", [(float)output.Scale], 1)]);
                g.Node("Add", [scaled, g.Constant("target_mean", [(float)output.Mean], 1)], "prediction");
                g.Output("prediction", DataType.Float, 1);
                return;
            case ExportOutputKind.Sigmoid:
                // One logit z: p = σ(z) is the probability of Classes[1], and the row is [1 − p, p] as predict prints it.
                string p = g.Node("Sigmoid", [y]);
                string q = g.Node("Sub", [g.Constant("one", [1f], 1), p]);
                g.Node("Concat", [q, p], "probabilities", OnnxGraphBuilder.Int("axis", 1));
                break;
            default:
                g.Node("Softmax", [y], "probabilities", OnnxGraphBuilder.Int("axis", 1));
                break;
        }
        // ArgMax keeps the first of equal maxima, as predict does.
        g.Node("ArgMax", ["probabilities"], "label", OnnxGraphBuilder.Int("axis", 1), OnnxGraphBuilder.Int("keepdims", 0));
        g.Output("probabilities", DataType.Float, output.Classes.Count);
        g.Output("label", DataType.Int64, null);
    }
}
