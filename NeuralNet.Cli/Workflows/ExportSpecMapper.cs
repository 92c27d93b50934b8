using NeuralNet.Core;
using NeuralNet.Core.Export;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Data;
using NeuralNet.Core.Models;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// Maps a model read by <see cref="ModelStore"/> onto what <see cref="OnnxExporter"/> takes: the Core network and an
/// <see cref="OnnxExportSpec"/>. A thin adapter, to be pointed at Core's model type once it has one.
/// </summary>
public static class ExportSpecMapper
{
    /// <summary>The network as a Core <see cref="Mlp{T}"/> (double, which holds float weights exactly).</summary>
    public static Mlp<double> NetworkOf(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var mlp = Mlp<double>.Create(model.Network.Spec, new Rng(0)); // the draws are overwritten at once
        mlp.SetValues(model.Network.ParameterValues());
        return mlp;
    }

    /// <summary>The preprocessing and output description of <paramref name="model"/>.</summary>
    public static OnnxExportSpec SpecOf(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var columns = model.Features
            .Select(f => f.IsNumeric ? new ExportColumn(f.Name, f.Mean, f.Scale) : new ExportColumn(f.Name, 0, 1, f.Categories))
            .ToList();
        var t = model.Target;
        var output = t.Loss switch
        {
            TargetEncoding.SoftmaxLoss => ExportOutput.Softmax(t.Classes),
            TargetEncoding.BinaryLoss => ExportOutput.Sigmoid(t.Classes),
            _ => ExportOutput.Regression(t.Mean, t.Scale),
        };
        return new OnnxExportSpec(columns, output);
    }
}
