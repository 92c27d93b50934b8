using NeuralNet.Core.Layers;
using NeuralNet.Core.Models;
using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Core.Export;

/// <summary>
/// What <see cref="OnnxExporter"/> takes, from a model: the network as a Core <see cref="Mlp{T}"/> and the
/// preprocessing and output as an <see cref="OnnxExportSpec"/>. <see cref="Model.ToOnnx"/> is its one caller.
/// </summary>
internal static class ModelExport
{
    /// <summary>The ONNX bytes of <paramref name="model"/>.</summary>
    /// <exception cref="NotSupportedException">If a text column is named <c>features</c>, or an activation has no ONNX form.</exception>
    public static byte[] ToOnnx(Model model) => OnnxExporter.Export(NetworkOf(model.Network), SpecOf(model.Features, model.Target));

    /// <summary>The network as a Core <see cref="Mlp{T}"/> (double, which holds float weights exactly).</summary>
    private static Mlp<double> NetworkOf(Network network)
    {
        var mlp = Mlp<double>.Create(network.Spec, new Rng(0)); // the draws are overwritten at once
        mlp.SetValues(network.ParameterValues());
        return mlp;
    }

    /// <summary>The preprocessing and output description.</summary>
    private static OnnxExportSpec SpecOf(IReadOnlyList<FeatureColumn> features, TargetEncoding t)
    {
        var columns = features
            .Select(f => f.IsNumeric ? new ExportColumn(f.Name, f.Offset, f.Scale) : new ExportColumn(f.Name, 0, 1, f.Categories))
            .ToList();
        var output = t.Loss switch
        {
            TargetEncoding.SoftmaxLoss => ExportOutput.Softmax(t.Classes),
            TargetEncoding.BinaryLoss => ExportOutput.Sigmoid(t.Classes),
            _ => ExportOutput.Regression(t.Mean, t.Scale),
        };
        return new OnnxExportSpec(columns, output);
    }
}
