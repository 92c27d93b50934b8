using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Activations;

namespace NeuralNet.Core.Models;

/// <summary>
/// Checks a deserialized <see cref="ModelDocument"/> before anything uses it. JSON can carry <c>null</c> where the
/// record says "never null", numbers out of range and unknown names; every such problem becomes one message.
/// </summary>
public static class ModelValidator
{
    /// <summary>Limits a model file's sizes, so that a corrupt file cannot ask for absurd allocations.</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>Checks <paramref name="doc"/>; returns the first problem found, or null when the document is usable.</summary>
    public static string? Problem(ModelDocument doc)
    {
        if (doc.Features is null || doc.Target is null || doc.Layers is null || doc.Training is null || doc.History is null
            || doc.Precision is null || doc.Loss is null || doc.ToolVersion is null)
            return "a required field is missing or null";
        if (doc.Features.Count == 0) return "it has no input features";
        foreach (var f in doc.Features)
        {
            if (f is null || f.Name is null || f.Kind is null) return "a feature entry is incomplete";
            if (f.Name.Length == 0) return "a feature has an empty name";
            if (f.Kind is not (FeatureColumn.Numeric or FeatureColumn.Categorical)) return $"feature '{f.Name}' has an unknown kind '{f.Kind}'";
            if (!double.IsFinite(f.Mean) || !(f.Scale > 0) || !double.IsFinite(f.Scale)) return $"feature '{f.Name}' has a non-finite mean or a scale that is not > 0";
            if (f.Scaling is not null && !FeatureScaling.IsKnown(f.Scaling))
                return $"feature '{f.Name}' has an unknown scaling '{f.Scaling}'; expected one of {string.Join(", ", FeatureScaling.Names)}";
            if (f.Offset is { } offset && !double.IsFinite(offset)) return $"feature '{f.Name}' has a non-finite offset";
            // Files before schema 3 have neither (standard scaling, offset = mean); a newer numeric feature has both.
            if (f.Kind == FeatureColumn.Numeric && (f.Scaling is null) != (f.Offset is null))
                return $"numeric feature '{f.Name}' has {(f.Scaling is null ? "an offset but no scaling" : "a scaling but no offset")}; give both, or neither for standard scaling with the mean as offset";
            if (f.Scaling == FeatureScaling.NoneName && (f.Offset != 0 || f.Scale != 1))
                return $"feature '{f.Name}' has scaling 'none' with an offset other than 0 or a scale other than 1";
            if (f.Kind == FeatureColumn.Categorical && (f.Categories is null || f.Categories.Any(c => c is null)))
                return $"categorical feature '{f.Name}' has no categories";
        }
        if (Duplicate(doc.Features.Select(f => f.Name)) is { } feature) return $"feature '{feature}' is listed twice";
        foreach (var f in doc.Features)
            if (f.Kind == FeatureColumn.Categorical && Duplicate(f.Categories) is { } category) return $"feature '{f.Name}' lists category '{category}' twice";
        var t = doc.Target;
        if (t.Name is null || t.Task is null) return "the target is incomplete";
        if (doc.Features.Any(f => f.Name == t.Name)) return $"'{t.Name}' is both a feature and the target";
        if (t.Task is not (TargetEncoding.Classification or TargetEncoding.Regression)) return $"the target has an unknown task '{t.Task}'";
        if (t.Task == TargetEncoding.Classification && (t.Classes is null || t.Classes.Count < 2 || t.Classes.Any(c => c is null)))
            return "a classification target needs at least two classes";
        if (t.Classes is not null && Duplicate(t.Classes) is { } label) return $"class '{label}' is listed twice";
        if (t.Classes is not null && t.Classes.Any(c => c is null || c.Length == 0)) return "a class has an empty name";
        if (doc.Loss == TargetEncoding.BinaryLoss && t.Classes?.Count != 2) return $"loss '{doc.Loss}' needs exactly two classes, the target lists {t.Classes?.Count ?? 0}";
        if (!double.IsFinite(t.Mean) || !(t.Scale > 0) || !double.IsFinite(t.Scale)) return "the target has a non-finite mean or a scale that is not > 0";
        if (doc.Loss is not (TargetEncoding.SoftmaxLoss or TargetEncoding.BinaryLoss or TargetEncoding.MseLoss)) return $"unknown loss '{doc.Loss}'";
        if ((doc.Loss == TargetEncoding.MseLoss) != (t.Task == TargetEncoding.Regression)) return $"loss '{doc.Loss}' does not fit a {t.Task} target";
        if (doc.Layers.Count == 0) return "the model has no layers";
        for (int i = 0; i < doc.Layers.Count; i++)
        {
            var l = doc.Layers[i];
            string name = $"layer {i}";
            if (l is null || l.Activation is null || l.Weights is null || l.Bias is null) return $"{name} is incomplete";
            if (l.Inputs is <= 0 or > MaxWidth || l.Units is <= 0 or > MaxWidth) return $"{name} has {l.Inputs} inputs and {l.Units} units";
            if (i > 0 && l.Inputs != doc.Layers[i - 1].Units) return $"{name} takes {l.Inputs} inputs but the layer before has {doc.Layers[i - 1].Units} units";
            if (!ActivationRegistry.Names.Contains(l.Activation)) return $"{name} has an unknown activation '{l.Activation}'";
            if (l.Weights.Length != l.Inputs || l.Weights.Any(r => r is null || r.Length != l.Units) || l.Bias.Length != l.Units)
                return $"{name}'s weights are not {l.Inputs}×{l.Units} with {l.Units} biases";
            if (l.Weights.Any(r => r.Any(v => !double.IsFinite(v))) || l.Bias.Any(v => !double.IsFinite(v))) return $"{name} has a non-finite weight";
            // A float model computes in float: 1e39 is finite as a double but +∞ in the network, and every output NaN.
            if (doc.Precision == "float" && (l.Weights.Any(r => r.Any(v => Math.Abs(v) > float.MaxValue)) || l.Bias.Any(v => Math.Abs(v) > float.MaxValue)))
                return $"{name} has a weight beyond the float range (±3.4e38) of a float model";
            if (l.Alpha is { } a && !double.IsFinite(a)) return $"{name} has a non-finite alpha";
            if (l.Activation == "prelu" && (l.AlphaValues is null || l.AlphaValues.Length != (l.PerUnitAlpha ? l.Units : 1) || l.AlphaValues.Any(v => !double.IsFinite(v))))
                return $"{name} (prelu) needs {(l.PerUnitAlpha ? l.Units : 1)} finite alphaValues";
        }
        if (doc.History.Any(h => h is null)) return "a history entry is null";
        if (doc.Training.Hidden is null || doc.Training.Optimizer is null || doc.Training.Initializer is null || doc.Training.DataFile is null || doc.Training.StopReason is null)
            return "the training settings are incomplete";
        return null;
    }

    /// <summary>How many numbers and characters of text <paramref name="doc"/> holds: what bounds its file's size.</summary>
    public static (long Numbers, long Chars) Size(ModelDocument doc)
    {
        long numbers = doc.Layers.Sum(l => (long)l.Inputs * l.Units + l.Units + (l.AlphaValues?.Length ?? 0) + 2) + doc.History.Count * 16L + doc.Features.Count * 3L;
        long chars = doc.Features.Sum(f => f.Name.Length + (f.Scaling?.Length ?? 0) + (f.Categories?.Sum(c => c.Length + 4L) ?? 0)) + (doc.Target.Classes?.Sum(c => c.Length + 4L) ?? 0)
                     + doc.Target.Name.Length + (doc.Training.DataFile?.Length ?? 0) + (doc.Training.ValidationFile?.Length ?? 0);
        return (numbers, chars);
    }

    /// <summary>The first name that appears twice (ordinal), or null.</summary>
    private static string? Duplicate(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
            if (!seen.Add(n)) return n;
        return null;
    }
}
