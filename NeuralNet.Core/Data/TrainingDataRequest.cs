using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Core.Data;

/// <summary>What <see cref="TrainingDataBuilder"/> needs to know beyond the table.</summary>
/// <param name="Target">Target column name.</param>
/// <param name="Drop">Columns to leave out.</param>
/// <param name="Missing">Missing-value policy.</param>
/// <param name="Parser">Number parser (culture).</param>
/// <param name="Task">"auto", "classification" or "regression".</param>
/// <param name="ValidationSplit">Share of rows held out for validation, in [0, 1); ignored with a validation file.</param>
/// <param name="ValidationTable">A separate validation file, or null.</param>
/// <param name="Loss">The loss asked for, or null to infer it from the task.</param>
/// <param name="Sample">Rows drawn from a seed of their own (hold-out or k-fold), or null to split by <paramref name="ValidationSplit"/> with the generator given to the builder.</param>
/// <param name="Single">Encode into float32 (a float network's precision) rather than float64.</param>
/// <param name="Scaling">How numeric features are scaled (fitted on the training split); null for <see cref="FeatureScaling.Standard"/>.</param>
public sealed record TrainingDataRequest(
    string Target, IReadOnlyList<string> Drop, MissingPolicy Missing, ValueParser Parser, string Task,
    double ValidationSplit, DataTable? ValidationTable, string? Loss = null, DataSample? Sample = null, bool Single = false,
    FeatureScaling? Scaling = null);
