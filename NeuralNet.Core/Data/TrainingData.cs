using NeuralNet.Core.Preprocessing;
namespace NeuralNet.Core.Data;

/// <summary>The training data ready for the network, with the fitted encodings and notes worth telling the user.</summary>
/// <param name="Features">Fitted feature columns (stored in the model).</param>
/// <param name="Target">Fitted target encoding (stored in the model).</param>
/// <param name="Train">Encoded training rows.</param>
/// <param name="Validation">Encoded validation rows, or null.</param>
/// <param name="Notes">Things the user should know (constant columns, dropped rows, ...).</param>
public sealed record TrainingData(
    IReadOnlyList<FeatureColumn> Features, TargetEncoding Target, EncodedData Train, EncodedData? Validation, IReadOnlyList<string> Notes);
