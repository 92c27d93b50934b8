using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Data;
using NeuralNet.Core.Kernels;
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
    private readonly string _modelPath;
    private readonly List<UnseenCategories> _unseen = [];

    /// <summary>Creates a predictor for a model's network and encoders, with the missing-value policy and culture of the command.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="features">The model's feature encoders, in input order.</param>
    /// <param name="target">The model's target encoding.</param>
    /// <param name="parser">How numbers are read (culture).</param>
    /// <param name="missing">What a missing value does.</param>
    /// <param name="modelPath">The model file, named when its outputs are not finite.</param>
    public ChunkedPredictor(Network network, IReadOnlyList<FeatureColumn> features, TargetEncoding target, ValueParser parser, MissingPolicy missing,
        string modelPath = "the model")
        => (_network, _encoder, _loss, _modelPath) = (network, new DataEncoder(features, target, parser, missing), target.Loss, modelPath);

    /// <summary>The categorical features, which the file is best read with as text (exact categories).</summary>
    public IReadOnlySet<string> TextColumns => _encoder.TextColumns;

    /// <summary>Rows predicted so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Rows left out so far for a missing value (--missing drop).</summary>
    public int DroppedRows { get; private set; }

    /// <summary>
    /// The mean loss over the rows predicted so far when the file has the target column (NaN otherwise): the same
    /// number as evaluating the whole file at once, since the rows go through the network in the same blocks.
    /// </summary>
    public double Loss => _blocks is { } b && Rows > 0 ? b.LossSum / Rows : double.NaN;

    private PassBlocks? _blocks;

    /// <summary>Encoded chunks that may wait for the network: enough to keep both threads busy, few enough to bound memory.</summary>
    private const int ReadAheadChunks = 2;

    /// <summary>Warnings about categories the model never saw, over the chunks read so far (one per column).</summary>
    public IReadOnlyList<string> Warnings => UnseenCategories.Merge(_unseen).Select(u => u.Warning).ToList();

    private PredictedChunk Checked(PredictedChunk chunk)
    {
        if (chunk is { Data: { } data, Outputs: { } outputs })
            PredictionGuard.EnsureFinite(outputs, _modelPath, i => chunk.Table.Where(data.SourceRows[i]));
        return chunk;
    }

    /// <summary>
    /// The chunks of <paramref name="tables"/> with their encoded rows and the network's outputs (probabilities or
    /// standardized values, rows × outputs); a chunk whose rows were all left out has null data and outputs.
    /// </summary>
    /// <exception cref="DataException">On a data problem (in the chunk where it is), or when no row is left at the end.</exception>
    /// <exception cref="ModelFileException">If the network gives a NaN or infinite output for a row (see <see cref="PredictionGuard"/>).</exception>
    public IEnumerable<PredictedChunk> Run(IEnumerable<DataTable> tables, bool targetRequired)
    {
        string? source = null;
        bool single = _network.Precision == "float";
        var blocks = _blocks = new PassBlocks(_network, _loss);
        // Reading, parsing and encoding run one chunk ahead on a second thread while this one predicts (and the
        // caller writes): the two halves take about as long, so a two-core machine does both at once. The network's
        // kernels leave that thread its core (the outputs are the same bits on any number of threads).
        using var limit = KernelThreadLimit.ForThisThread(Environment.ProcessorCount - 1);
        var encoded = ReadAhead.Run(tables.Select(t => (Table: t, Data: _encoder.EncodeChunk(t, targetRequired, single, out int d), Dropped: d)), ReadAheadChunks);
        foreach (var (table, data, dropped) in encoded)
        {
            source ??= table.Source;
            DroppedRows += dropped;
            if (data is not null)
            {
                Rows += data.Rows;
                _unseen.AddRange(data.Unseen);
            }
            foreach (var done in blocks.Add(table, data)) yield return Checked(done);
        }
        foreach (var done in blocks.Flush()) yield return Checked(done);
        if (Rows == 0)
            throw new DataException($"{source}: no rows left after dropping the {DroppedRows} rows with missing values");
    }

    /// <summary>
    /// Runs the kept rows of consecutive chunks through the network in blocks of <see cref="Network.PassRows"/> rows,
    /// the grid a whole-file prediction uses, so that every row's output is the same bits however the file was cut
    /// (the kernels' sums may depend on a block's size and a row's place in it). A chunk is handed back once all its
    /// rows have outputs.
    /// </summary>
    private sealed class PassBlocks(Network network, string loss)
    {
        private readonly Queue<(DataTable Table, EncodedData? Data, Matrix<double>? Outputs)> _pending = new();
        private readonly List<(Matrix<double> Outputs, int Row)> _destinations = [];
        // The block in the data's precision, which is the network's (no conversion), column-major with PassRows rows.
        private Array? _x, _y;
        private int _inputs, _targetColumns, _filled;

        /// <summary>Σ loss over the rows passed, block by block (targets known).</summary>
        public double LossSum { get; private set; }

        public IEnumerable<PredictedChunk> Add(DataTable table, EncodedData? data)
        {
            var outputs = data is null ? null : Matrix<double>.Build.Dense(data.Rows, network.Spec.Outputs);
            _pending.Enqueue((table, data, outputs));
            if (data is not null)
            {
                if (data.IsSingle) Append<float>(data, outputs!);
                else Append<double>(data, outputs!);
            }
            return Ready();
        }

        public IEnumerable<PredictedChunk> Flush()
        {
            if (_x is float[]) Pass<float>(_filled);
            else if (_x is double[]) Pass<double>(_filled);
            return Ready();
        }

        private void Append<T>(EncodedData data, Matrix<double> outputs) where T : struct, IFloatingPointIeee754<T>
        {
            int rows = data.Rows;
            var features = data.FeaturesAs<T>();
            var targets = data.TargetsAs<T>();
            T[] x = features.AsColumnMajorArray() ?? features.ToColumnMajorArray();
            T[]? y = targets is null ? null : targets.AsColumnMajorArray() ?? targets.ToColumnMajorArray();
            (_inputs, _targetColumns) = (data.Inputs, targets?.ColumnCount ?? 0);
            var blockX = (T[])(_x ??= new T[Network.PassRows * _inputs]);
            var blockY = y is null ? null : (T[])(_y ??= new T[Network.PassRows * _targetColumns]);
            for (int i = 0; i < rows; i++)
            {
                for (int c = 0; c < _inputs; c++) blockX[c * Network.PassRows + _filled] = x[c * rows + i];
                if (blockY is not null) for (int c = 0; c < _targetColumns; c++) blockY[c * Network.PassRows + _filled] = y![c * rows + i];
                _destinations.Add((outputs, i));
                if (++_filled == Network.PassRows) Pass<T>(Network.PassRows);
            }
        }

        private void Pass<T>(int rows) where T : struct, IFloatingPointIeee754<T>
        {
            if (rows == 0) return; // a flush with every row already passed
            var y = _y is null ? null : Block((T[])_y, _targetColumns, rows);
            var block = new EncodedData(Block((T[])_x!, _inputs, rows), y, [], 0, []);
            var outputs = network.Predict(block, loss);
            if (y is not null) LossSum += network.LossSum(block, loss);
            for (int i = 0; i < _destinations.Count; i++)
                for (int c = 0; c < outputs.ColumnCount; c++) _destinations[i].Outputs[_destinations[i].Row, c] = outputs[i, c];
            _destinations.Clear();
            _filled = 0;
        }

        /// <summary>The first <paramref name="rows"/> rows of a block's values, in place when the block is full.</summary>
        private static Matrix<T> Block<T>(T[] values, int columns, int rows) where T : struct, IFloatingPointIeee754<T>
        {
            var full = Matrix<T>.Build.Dense(Network.PassRows, columns, values);
            return rows == Network.PassRows ? full : full.SubMatrix(0, rows, 0, columns);
        }

        /// <summary>The chunks at the head of the queue whose rows all have outputs (every row waiting is in the current block).</summary>
        private List<PredictedChunk> Ready()
        {
            var ready = new List<PredictedChunk>();
            while (_pending.Count > 0)
            {
                var (table, data, outputs) = _pending.Peek();
                if (data is not null && _destinations.Count > 0 && _destinations.Any(d => ReferenceEquals(d.Outputs, outputs))) break;
                ready.Add(new PredictedChunk(table, data, outputs));
                _pending.Dequeue();
            }
            return ready;
        }
    }
}

/// <summary>One chunk of a file: its rows as read, their encoding (null when all were left out) and the network's outputs.</summary>
/// <param name="Table">The chunk's rows.</param>
/// <param name="Data">The rows kept, encoded; null when every row was left out for a missing value.</param>
/// <param name="Outputs">Probabilities or standardized values, one row per kept row; null with <paramref name="Data"/>.</param>
public sealed record PredictedChunk(DataTable Table, EncodedData? Data, Matrix<double>? Outputs)
{
    /// <summary>
    /// The chunk's records as the lines of the file (without line ends), when each record is one plain line (no quotes,
    /// no CR), which is then exactly its fields joined by the delimiter; null otherwise (read the records instead).
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>>? PlainLines => Table.PlainLines.IsEmpty ? null : Lines(Table.PlainLines);

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(ReadOnlyMemory<byte> text)
    {
        while (!text.IsEmpty)
        {
            int end = text.Span.IndexOf((byte)'\n');
            if (end < 0) end = text.Length;
            yield return text[..end];
            text = end < text.Length ? text[(end + 1)..] : default;
        }
    }
}
