using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Models;

/// <summary>Converts between a trained network with its encodings and the <see cref="ModelDocument"/> written to disk.</summary>
public static class ModelMapper
{
    /// <summary>The model document of a trained network.</summary>
    public static ModelDocument ToDocument(Network network, IReadOnlyList<FeatureColumn> features, TargetEncoding target,
        long seed, TrainingSettingsDocument training, IReadOnlyList<EpochMetrics> history)
    {
        var values = network.ParameterValues();
        var spec = network.Spec;
        var layers = new List<LayerDocument>();
        int p = 0;
        var widths = spec.Widths;
        for (int l = 0; l + 1 < widths.Count; l++)
        {
            bool output = l + 2 == widths.Count;
            var activation = spec.LayerActivations[l];
            int inputs = widths[l], units = widths[l + 1];
            double[] w = values[p++], b = values[p++];
            double[]? alphaValues = activation.Name == "prelu" ? values[p++] : null;
            double? alpha = activation.Name switch
            {
                "leaky-relu" => activation.Alpha ?? LeakyRelu<float>.DefaultSlope,
                "prelu" => activation.Alpha ?? PRelu<float>.DefaultInitialAlpha,
                _ => null,
            };
            var rows = new double[inputs][];
            for (int i = 0; i < inputs; i++)
            {
                rows[i] = new double[units];
                for (int j = 0; j < units; j++) rows[i][j] = w[j * inputs + i]; // column-major → row-major
            }
            layers.Add(new LayerDocument(inputs, units, activation.Name, alpha, activation.PerUnitAlpha, alphaValues, rows, b));
        }
        return new ModelDocument
        {
            ToolVersion = ToolInfo.Version,
            CreatedUtc = DateTime.UtcNow,
            Seed = seed,
            Precision = network.Precision,
            Features = features.Select(ToDocument).ToList(),
            Target = new TargetDocument(target.Name, target.Task, target.Classes, target.Mean, target.Scale),
            Loss = target.Loss,
            Layers = layers,
            Training = training,
            History = history.Select(ToDocument).ToList(),
        };
    }

    /// <summary>
    /// One input column as the file holds it: a numeric column with its scaling, offset, scale and training mean (the
    /// fill value); a categorical one with its vocabulary (mean 0, scale 1 and no scaling).
    /// </summary>
    public static FeatureDocument ToDocument(FeatureColumn f) => f.IsNumeric
        ? new FeatureDocument(f.Name, f.Kind, f.Fill, f.Scale, f.Categories) { Scaling = f.Scaling, Offset = f.Offset }
        : new FeatureDocument(f.Name, f.Kind, 0, 1, f.Categories);

    /// <summary>
    /// One input column of a file: a file without <c>scaling</c> and <c>offset</c> (schema 1 and 2) is standard scaling,
    /// whose offset is the mean.
    /// </summary>
    public static FeatureColumn FromDocument(FeatureDocument f)
        => new(f.Name, f.Kind, f.Offset ?? f.Mean, f.Scale, f.Categories ?? []) { Scaling = f.Scaling ?? FeatureScaling.StandardName, Fill = f.Mean };

    /// <summary>One epoch of history, with null where a value does not exist.</summary>
    public static EpochDocument ToDocument(EpochMetrics m) => new(
        m.Epoch, Finite(m.Loss), Finite(m.Metric), m.ValidationLoss is { } vl ? Finite(vl) : null,
        m.ValidationMetric is { } vm ? Finite(vm) : null, m.DeadNeurons?.Select(d => d.Dead).ToList());

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>Rebuilds the network and encodings of a model document.</summary>
    /// <exception cref="ModelFileException">If the document is inconsistent (shapes, names).</exception>
    public static Model FromDocument(ModelDocument doc, string path)
    {
        try
        {
            if (doc.Layers.Count == 0) throw new ArgumentException("the model has no layers");
            if (!Network.Precisions.Contains(doc.Precision)) throw new ArgumentException($"unknown precision '{doc.Precision}'");
            var features = doc.Features.Select(FromDocument).ToList();
            var target = new TargetEncoding(doc.Target.Name, doc.Target.Task, doc.Target.Classes ?? [], doc.Target.Mean, doc.Target.Scale, doc.Loss);
            var first = doc.Layers[0];
            var last = doc.Layers[^1];
            var spec = new MlpSpec(
                first.Inputs,
                doc.Layers.Take(doc.Layers.Count - 1).Select(l => l.Units).ToList(),
                last.Units,
                new ActivationSpec(doc.Layers.Count > 1 ? first.Activation : "relu", doc.Layers.Count > 1 ? first.Alpha : null, first.PerUnitAlpha),
                last.Activation == "identity" ? null : new ActivationSpec(last.Activation, last.Alpha, last.PerUnitAlpha),
                HiddenActivations: doc.Layers.SkipLast(1).Select(l => new ActivationSpec(l.Activation, l.Alpha, l.PerUnitAlpha)).ToList());
            if (features.Sum(f => f.Width) != first.Inputs)
                throw new ArgumentException($"the features encode to {features.Sum(f => f.Width)} inputs but the first layer takes {first.Inputs}");
            if (target.Outputs != last.Units)
                throw new ArgumentException($"the target needs {target.Outputs} outputs but the last layer has {last.Units}");
            var values = new List<double[]>();
            foreach (var layer in doc.Layers)
            {
                if (layer.Weights.Length != layer.Inputs || layer.Weights.Any(r => r.Length != layer.Units) || layer.Bias.Length != layer.Units)
                    throw new ArgumentException($"a layer's weights are not {layer.Inputs}×{layer.Units}");
                var w = new double[layer.Inputs * layer.Units];
                for (int i = 0; i < layer.Inputs; i++)
                    for (int j = 0; j < layer.Units; j++) w[j * layer.Inputs + i] = layer.Weights[i][j];
                values.Add(w);
                values.Add(layer.Bias);
                if (layer.Activation == "prelu") values.Add(layer.AlphaValues ?? throw new ArgumentException("a prelu layer has no alphaValues"));
            }
            var network = Network.Restore(spec, doc.Precision, values);
            return Model.Of(network, features, target, doc);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException($"{path}: the model file is inconsistent ({e.Message.Split('\n')[0].Trim()})");
        }
    }
}
