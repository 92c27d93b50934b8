using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Core.Models;

/// <summary>
/// Predicts a CSV file chunk by chunk: each small table (<see cref="CsvChunks"/>) is encoded with the model's encoders
/// and run through the network, so memory stays that of one chunk whatever the file's size. A row's prediction does
/// not depend on the chunk it falls in.
/// </summary>
public sealed class ChunkedPredictor
{
    private readonly Network _network;
    private readonly DataEncoder _encoder;
    private readonly string _loss;
    private readonly List<UnseenCategories> _unseen = [];

    /// <summary>Creates a predictor for a model's network and encoders, with the missing-value policy and culture of the command.</summary>
    public ChunkedPredictor(Network network, IReadOnlyList<FeatureColumn> features, TargetEncoding target, ValueParser parser, MissingPolicy missing)
        => (_network, _encoder, _loss) = (network, new DataEncoder(features, target, parser, missing), target.Loss);

    /// <summary>The categorical features, which the file is best read with as text (exact categories).</summary>
    public IReadOnlySet<string> TextColumns => _encoder.TextColumns;

    /// <summary>Rows predicted so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Rows left out so far for a missing value (--missing drop).</summary>
    public int DroppedRows { get; private set; }

    /// <summary>Warnings about categories the model never saw, over the chunks read so far (one per column).</summary>
    public IReadOnlyList<string> Warnings => UnseenCategories.Merge(_unseen).Select(u => u.Warning).ToList();

    /// <summary>
    /// The chunks of <paramref name="tables"/> with their encoded rows and the network's outputs (probabilities or
    /// standardized values, rows × outputs); a chunk whose rows were all left out has null data and outputs.
    /// </summary>
    /// <exception cref="DataException">On a data problem (in the chunk where it is), or when no row is left at the end.</exception>
    public IEnumerable<PredictedChunk> Run(IEnumerable<DataTable> tables, bool targetRequired)
    {
        string? source = null;
        bool single = _network.Precision == "float";
        foreach (var table in tables)
        {
            source ??= table.Source;
            var data = _encoder.EncodeChunk(table, targetRequired, single, out int dropped);
            DroppedRows += dropped;
            if (data is null)
            {
                yield return new PredictedChunk(table, null, null);
                continue;
            }
            Rows += data.Rows;
            _unseen.AddRange(data.Unseen);
            yield return new PredictedChunk(table, data, _network.Predict(data, _loss));
        }
        if (Rows == 0)
            throw new DataException($"{source}: no rows left after dropping the {DroppedRows} rows with missing values");
    }
}

/// <summary>One chunk of a file: its rows as read, their encoding (null when all were left out) and the network's outputs.</summary>
/// <param name="Table">The chunk's rows.</param>
/// <param name="Data">The rows kept, encoded; null when every row was left out for a missing value.</param>
/// <param name="Outputs">Probabilities or standardized values, one row per kept row; null with <paramref name="Data"/>.</param>
public sealed record PredictedChunk(DataTable Table, EncodedData? Data, Matrix<double>? Outputs);
