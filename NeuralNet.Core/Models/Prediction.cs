namespace NeuralNet.Core.Models;

/// <summary>
/// One row's prediction: for a classifier the most probable class and every class's probability (in
/// <see cref="Preprocessing.TargetEncoding.Classes"/> order); for a regressor the value in the target's own units.
/// </summary>
/// <param name="Label">The predicted class, or null for a regressor.</param>
/// <param name="Probabilities">The class probabilities, or empty for a regressor.</param>
/// <param name="Value">The regression value in target units, or NaN for a classifier.</param>
public sealed record Prediction(string? Label, IReadOnlyList<double> Probabilities, double Value);
