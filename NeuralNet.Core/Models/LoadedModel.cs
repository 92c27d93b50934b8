using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Models;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Models;

/// <summary>A model read back from a file: the network and the encodings around it.</summary>
/// <param name="Network">The network, with the stored weights.</param>
/// <param name="Features">Input columns and their encoding.</param>
/// <param name="Target">Target column, classes or scaling, and loss.</param>
/// <param name="Document">The whole file, for inspect.</param>
public sealed record LoadedModel(Network Network, IReadOnlyList<FeatureColumn> Features, TargetEncoding Target, ModelDocument Document);
