using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Core.Training;

/// <summary>Loss and metric of a network on a dataset, computed in chunks with reused buffers.</summary>
public sealed class Evaluator<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Mlp<T> _network;
    private readonly ILoss<T> _loss;
    private readonly BatchSource<T> _chunks, _secondChunks;
    private readonly PassHalves<T> _halves;
    private readonly PassScore<T> _score;

    /// <summary>
    /// Rows a whole-set pass during training (validation, dead-neuron measurement) reads at a time at least: one
    /// product over 256 rows costs far less than eight over 32, and a tiny data set then takes one pass per epoch.
    /// </summary>
    public const int PassRows = 256;

    /// <summary>The chunk size of a whole-set pass for training batches of <paramref name="batchRows"/> rows.</summary>
    public static int PassChunk(int batchRows) => Math.Max(batchRows, PassRows);

    /// <summary>Creates an evaluator reading <paramref name="chunkRows"/> rows at a time.</summary>
    public Evaluator(Mlp<T> network, ILoss<T> loss, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        _network = network;
        _loss = loss;
        _chunks = new BatchSource<T>(chunkRows);
        _secondChunks = new BatchSource<T>(chunkRows);
        _halves = new PassHalves<T>(network);
        _score = new PassScore<T>(loss);
    }

    /// <summary>Mean loss and the metric (accuracy or R²) over <paramref name="data"/>.</summary>
    public (double Loss, double Metric) Evaluate(Dataset<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int chunks = _chunks.BatchCount(data.Rows), split = PassHalves<T>.Split(chunks);
        _score.Begin(split, chunks);
        _halves.Run(split, chunks,
            (network, first, end) => Pass(network, _chunks, data, first, end),
            (network, first, end) => Pass(network, _secondChunks, data, first, end));
        return _score.End(data.Rows);
    }

    private void Pass(Mlp<T> network, BatchSource<T> chunks, Dataset<T> data, int first, int end)
    {
        int chunk = first;
        foreach (var (x, y) in chunks.Sequential(data.Features, data.Targets, first, end))
            _score.Add(chunk++, network.Forward(x), y!);
    }

    /// <summary>Predictions for every row: class probabilities (classification) or values (regression), rows × outputs.</summary>
    public Matrix<T> Predict(Matrix<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var result = Matrix<T>.Build.Dense(features.RowCount, _network.Outputs);
        int row = 0;
        foreach (var (x, _) in _chunks.Sequential(features, null))
        {
            var output = _network.Forward(x);
            var probabilities = Matrix<T>.Build.Dense(output.RowCount, output.ColumnCount);
            _loss.Predict(output, probabilities);
            result.SetSubMatrix(row, 0, probabilities);
            row += x.RowCount;
        }
        return result;
    }
}
