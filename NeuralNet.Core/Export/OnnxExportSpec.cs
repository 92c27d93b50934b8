namespace NeuralNet.Core.Export;

/// <summary>
/// What an ONNX export needs besides the network: how raw input columns become network inputs, and how network outputs
/// become predictions. Kept free of any file format so that every model type can map itself onto it.
/// </summary>
/// <param name="Columns">The input columns in the model's column order; each numeric one is one column of the graph's
/// <c>features</c> input.</param>
/// <param name="Output">What the outputs mean: classes and their loss, or the regression target's scaling.</param>
public sealed record OnnxExportSpec(IReadOnlyList<ExportColumn> Columns, ExportOutput Output);

/// <summary>One input column: a numeric column scaled as (x − <paramref name="Offset"/>) / <paramref name="Scale"/>
/// (standardization: mean and standard deviation; min-max: minimum and range), or a text column one-hot encoded over
/// <paramref name="Categories"/>.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Offset">Numeric: the value subtracted first.</param>
/// <param name="Scale">Numeric: the value divided by next (never 0).</param>
/// <param name="Categories">Text: the one-hot vocabulary in network-input order; null for a numeric column.</param>
public sealed record ExportColumn(string Name, double Offset, double Scale, IReadOnlyList<string>? Categories = null)
{
    /// <summary>Whether the column is one-hot encoded text.</summary>
    public bool IsText => Categories is not null;
}

/// <summary>How network outputs become predictions.</summary>
/// <param name="Kind">Sigmoid (one logit, two classes), softmax (one logit per class) or regression.</param>
/// <param name="Classes">Classification: class labels in output order; empty for regression.</param>
/// <param name="Mean">Regression: the target mean added back (0 otherwise).</param>
/// <param name="Scale">Regression: the target standard deviation multiplied back (1 otherwise).</param>
public sealed record ExportOutput(ExportOutputKind Kind, IReadOnlyList<string> Classes, double Mean = 0, double Scale = 1)
{
    /// <summary>Two classes from one sigmoid logit; output 1 is the probability of <c>Classes[1]</c>.</summary>
    public static ExportOutput Sigmoid(IReadOnlyList<string> classes) => new(ExportOutputKind.Sigmoid, classes);

    /// <summary>One logit per class, turned into probabilities by softmax.</summary>
    public static ExportOutput Softmax(IReadOnlyList<string> classes) => new(ExportOutputKind.Softmax, classes);

    /// <summary>One value in standardized units; the prediction is value · <paramref name="scale"/> + <paramref name="mean"/>.</summary>
    public static ExportOutput Regression(double mean, double scale) => new(ExportOutputKind.Regression, [], mean, scale);
}

/// <summary>The kinds of model output an export knows.</summary>
public enum ExportOutputKind
{
    /// <summary>Binary classification on one sigmoid logit.</summary>
    Sigmoid,

    /// <summary>Multiclass classification with softmax.</summary>
    Softmax,

    /// <summary>Regression on one standardized value.</summary>
    Regression,
}
