namespace NeuralNet.Core.Models;

/// <summary>
/// Schema 2 stores the values of every layer not in <see cref="LayerDocument"/> but once, by name, in
/// <see cref="ModelDocument.Parameters"/> as float32 (or float64) blocks. In memory a document always has its values in
/// its layers, whichever version it was read from; this class converts to and from the file form.
/// </summary>
public static class ParameterBlocks
{
    /// <summary>The schema-2 file form of <paramref name="doc"/>: its layers without values, and the named blocks.</summary>
    public static ModelDocument ToFile(ModelDocument doc)
    {
        string dtype = TensorCodec.DtypeOf(doc.Precision);
        var blocks = new Dictionary<string, TensorDocument>();
        var layers = new List<LayerDocument>();
        for (int l = 0; l < doc.Layers.Count; l++)
        {
            var layer = doc.Layers[l];
            var w = new double[layer.Inputs * layer.Units]; // [units, inputs], row-major: the network's own order
            for (int i = 0; i < layer.Inputs; i++)
                for (int j = 0; j < layer.Units; j++) w[j * layer.Inputs + i] = layer.Weights[i][j];
            blocks[ParameterNames.Weight(l)] = TensorCodec.Encode(w, [layer.Units, layer.Inputs], dtype);
            blocks[ParameterNames.Bias(l)] = TensorCodec.Encode(layer.Bias, [layer.Units], dtype);
            if (layer.AlphaValues is { } a) blocks[ParameterNames.Alpha(l)] = TensorCodec.Encode(a, [a.Length], dtype);
            layers.Add(layer with { Weights = null!, Bias = null!, AlphaValues = null });
        }
        return doc with { SchemaVersion = ModelDocument.CurrentSchemaVersion, Layers = layers, Parameters = blocks };
    }

    /// <summary>The in-memory form of a schema-2 file: every layer's values taken from its named blocks.</summary>
    /// <exception cref="ArgumentException">On an unknown (for example renamed) or missing parameter, or a block that does not fit, naming it.</exception>
    public static ModelDocument FromFile(ModelDocument file)
    {
        var blocks = file.Parameters ?? throw new ArgumentException("it has no parameters");
        if (file.Layers is null || file.Layers.Any(l => l is null)) throw new ArgumentException("a layer entry is missing or null");
        var expected = file.Layers.SelectMany((layer, l) => ParameterNames.OfLayer(l, layer.Activation == "prelu")).ToList();
        if (blocks.Keys.FirstOrDefault(k => !expected.Contains(k)) is { } unknown)
            throw new ArgumentException($"unknown parameter '{unknown}'; the layers need {string.Join(", ", expected)}");
        if (expected.FirstOrDefault(k => !blocks.ContainsKey(k)) is { } missing)
            throw new ArgumentException($"parameter '{missing}' is missing");
        string dtype = TensorCodec.DtypeOf(file.Precision);
        var layers = new List<LayerDocument>();
        for (int l = 0; l < file.Layers.Count; l++)
        {
            var layer = file.Layers[l];
            if (layer.Inputs is <= 0 or > ModelValidator.MaxWidth || layer.Units is <= 0 or > ModelValidator.MaxWidth)
                throw new ArgumentException($"layer {l} has {layer.Inputs} inputs and {layer.Units} units");
            var shapes = ParameterNames.OfLayer(l, layer.Inputs, layer.Units, layer.Activation == "prelu", layer.PerUnitAlpha);
            var w = Block(blocks, shapes[0].Name, shapes[0].Shape, dtype);
            var rows = new double[layer.Inputs][];
            for (int i = 0; i < layer.Inputs; i++)
            {
                rows[i] = new double[layer.Units];
                for (int j = 0; j < layer.Units; j++) rows[i][j] = w[j * layer.Inputs + i];
            }
            double[] bias = Block(blocks, shapes[1].Name, shapes[1].Shape, dtype);
            double[]? alpha = shapes.Count > 2 ? Block(blocks, shapes[2].Name, shapes[2].Shape, dtype) : null;
            layers.Add(layer with { Weights = rows, Bias = bias, AlphaValues = alpha });
        }
        return file with { Layers = layers, Parameters = null };
    }

    private static double[] Block(IReadOnlyDictionary<string, TensorDocument> blocks, string name, int[] shape, string dtype)
    {
        var block = blocks[name] ?? throw new ArgumentException($"parameter '{name}' is null");
        return TensorCodec.Decode(block, name, shape, dtype);
    }
}
