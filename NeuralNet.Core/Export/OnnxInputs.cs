namespace NeuralNet.Core.Export;

/// <summary>
/// The start of an exported graph: raw input columns become the network's input row, in the model's column order.
/// Numeric columns come in one float input <c>features</c> [N, F] and are scaled as (x − offset) / scale; each text
/// column comes in a string input [N, 1] of its own, named after the column, and is one-hot encoded over its
/// vocabulary with ONNX-ML's <c>OneHotEncoder</c> (a value outside it, or a missing one, encodes as all zeros, as the
/// tool encodes it). The parts are then put side by side in the model's column order.
/// </summary>
internal static class OnnxInputs
{
    /// <summary>The operator set of <c>OneHotEncoder</c>.</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>The float input holding the numeric columns.</summary>
    public const string FeaturesInput = "features";

    /// <summary>Adds the inputs and their encoding; returns the [N, network inputs] value.</summary>
    public static string Append(OnnxGraphBuilder g, IReadOnlyList<ExportColumn> columns)
    {
        var numeric = columns.Where(c => !c.IsText).ToList();
        string? scaled = null;
        if (numeric.Count > 0)
        {
            string x = g.Input(FeaturesInput, numeric.Count);
            x = g.Node("Sub", [x, g.Constant("offset", numeric.Select(c => (float)c.Offset).ToArray(), numeric.Count)]);
            scaled = g.Node("Div", [x, g.Constant("scale", numeric.Select(c => (float)c.Scale).ToArray(), numeric.Count)]);
        }
        if (!UsesText(columns)) return scaled!;

        var parts = new List<string>();
        int nextNumeric = 0;
        for (int c = 0; c < columns.Count;)
        {
            if (columns[c].IsText)
            {
                parts.Add(OneHot(g, columns[c++]));
                continue;
            }
            // A run of numeric columns between text columns: those columns of the scaled input, in order.
            int run = 0;
            while (c + run < columns.Count && !columns[c + run].IsText) run++;
            long[] indices = Enumerable.Range(nextNumeric, run).Select(i => (long)i).ToArray();
            parts.Add(g.Node("Gather", [scaled!, g.Int64Constant("columns", indices, run)], null, OnnxGraphBuilder.Int("axis", 1)));
            nextNumeric += run;
            c += run;
        }
        return parts.Count == 1 ? parts[0] : g.Node("Concat", parts, null, OnnxGraphBuilder.Int("axis", 1));
    }

    /// <summary>Whether the graph has text inputs (and so needs the ONNX-ML operator set).</summary>
    public static bool UsesText(IReadOnlyList<ExportColumn> columns) => columns.Any(c => c.IsText);

    private static string OneHot(OnnxGraphBuilder g, ExportColumn column)
    {
        var categories = column.Categories!;
        string text = g.TextInput(column.Name);
        // [N, 1] strings → [N, 1, C] floats → [N, C].
        string hot = g.DomainNode(MlDomain, "OneHotEncoder", [text],
            OnnxGraphBuilder.Strings("cats_strings", categories), OnnxGraphBuilder.Int("zeros", 1));
        return g.Node("Reshape", [hot, g.Int64Constant("shape", [-1, categories.Count], 2)]);
    }
}
