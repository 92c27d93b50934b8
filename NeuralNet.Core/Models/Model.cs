using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Models;

/// <summary>
/// A trained model: the fitted input encoders, the network, the target's encoding and the file's metadata. Train one with
/// <see cref="Train"/> or load a file the command line wrote with <see cref="Load"/>, then predict.
/// </summary>
public sealed class Model
{
    private Model(Network network, IReadOnlyList<FeatureColumn> features, TargetEncoding target, ModelDocument document)
        => (Network, Features, Target, Document) = (network, features, target, document);

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>The input columns with their fitted encoders, in input order.</summary>
    public IReadOnlyList<FeatureColumn> Features { get; }

    /// <summary>The target column's encoding (classes, or mean and scale for regression).</summary>
    public TargetEncoding Target { get; }

    /// <summary>The model file's content: metadata, training settings and history.</summary>
    public ModelDocument Document { get; }

    /// <summary>Reads a model file.</summary>
    /// <exception cref="ModelFileException">If the file is missing, not a model, of an unknown version or inconsistent.</exception>
    public static Model Load(string path) => ModelMapper.FromDocument(ModelStore.Load(path), path);

    /// <summary>A model of parts already checked against each other (<see cref="ModelMapper.FromDocument(ModelDocument, string)"/>).</summary>
    internal static Model Of(Network network, IReadOnlyList<FeatureColumn> features, TargetEncoding target, ModelDocument document)
        => new(network, features, target, document);

    /// <summary>Trains a model on a CSV file, as <c>neuralnet train</c> does with the same settings.</summary>
    /// <exception cref="DataException">On a data problem.</exception>
    /// <exception cref="SpecException">If a setting does not fit the data.</exception>
    /// <exception cref="TrainingDivergedException">If the loss became non-finite.</exception>
    public static Model Train(string csvPath, TrainingSpec spec, CancellationToken cancellation = default)
    {
        var run = TrainingPipeline.Prepare(CsvTableReader.Read(csvPath), null, spec);
        var result = run.Train(cancellation: cancellation);
        if (result.StopReason == StopReason.Diverged) throw new TrainingDivergedException(result.Divergence!);
        var doc = ModelMapper.ToDocument(run.Network, run.Data.Features, run.Data.Target, spec.Seed,
            TrainingSettingsMapper.ToDocument(spec, run.Data, result, csvPath, null), result.History);
        return new Model(run.Network, run.Data.Features, run.Data.Target, doc);
    }

    /// <summary>
    /// The model as an ONNX graph (opset 13): input <c>features</c> float [N, F] with the raw numeric columns in
    /// <see cref="Features"/> order and a string input [N, 1] per text column, the scaling and one-hot encoding, every layer, and <c>probabilities</c> + <c>label</c> or
    /// <c>prediction</c> in target units (docs/model-format.md, "ONNX export").
    /// </summary>
    /// <exception cref="NotSupportedException">If a text column is named <c>features</c> (the numeric input), or an activation has no ONNX form.</exception>
    public byte[] ToOnnx() => Export.ModelExport.ToOnnx(this);

    /// <summary>Writes <see cref="ToOnnx"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="NotSupportedException">If the model cannot be exported (nothing is written).</exception>
    /// <exception cref="DataException">If the folder is missing or the file cannot be written.</exception>
    public void ExportOnnx(string path)
    {
        byte[] bytes = ToOnnx();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes the model file atomically (a temporary file renamed into place).</summary>
    /// <exception cref="DataException">If the folder is missing or the file cannot be written.</exception>
    public void Save(string path) => ModelStore.Save(path, Document);

    /// <summary>Predicts every row of a CSV file (it needs the feature columns; the target column may be absent).</summary>
    /// <exception cref="DataException">On a data problem, with file:line and column.</exception>
    public IReadOnlyList<Prediction> Predict(string csvPath)
    {
        // Read, encoded and predicted in chunks: only the predictions grow with the file.
        var predictor = new ChunkedPredictor(Network, Features, Target, ValueParser.ForCulture(null), MissingPolicy.Error);
        var predictions = new List<Prediction>();
        foreach (var chunk in predictor.Run(CsvTableReader.ReadChunks(csvPath, textColumns: predictor.TextColumns), targetRequired: false))
            if (chunk.Outputs is { } outputs) predictions.AddRange(Decode(outputs));
        return predictions;
    }

    /// <summary>Predicts every row of an in-memory table; rows with missing values are refused.</summary>
    /// <exception cref="DataException">On a data problem.</exception>
    public IReadOnlyList<Prediction> Predict(DataTable table)
    {
        var data = new DataEncoder(Features, Target, ValueParser.ForCulture(null), MissingPolicy.Error).Encode(table, targetRequired: false);
        return Decode(Network.Predict(data.Features, Target.Loss));
    }

    /// <summary>
    /// Predicts one row of raw values, one per entry of <see cref="Features"/>: a number for a numeric column (the model
    /// scales it as it was trained, <see cref="FeatureColumn.Encode"/>), the category's index in <see cref="FeatureColumn.Categories"/> for a categorical one.
    /// </summary>
    /// <exception cref="ArgumentException">If the row has the wrong length or a category index is not a vocabulary index.</exception>
    public Prediction Predict(float[] row) => Predict([row])[0];

    /// <summary>Predicts rows of raw values (see <see cref="Predict(float[])"/>).</summary>
    /// <exception cref="ArgumentException">If a row has the wrong length or a category index is not a vocabulary index.</exception>
    public IReadOnlyList<Prediction> Predict(float[][] rows)
    {
        var x = Matrix<double>.Build.Dense(rows.Length, Features.Sum(f => f.Width));
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != Features.Count)
                throw new ArgumentException($"row {i} has {rows[i].Length} values; the model takes {Features.Count} ({string.Join(", ", Features.Select(f => f.Name))})", nameof(rows));
            int offset = 0;
            for (int c = 0; c < Features.Count; c++)
            {
                var f = Features[c];
                if (f.IsNumeric) x[i, offset] = f.Encode(rows[i][c]);
                else if (rows[i][c] is var k && k >= 0 && k < f.Categories.Count && k == Math.Floor(k)) x[i, offset + (int)k] = 1;
                else throw new ArgumentException($"row {i}: column '{f.Name}' takes a category index from 0 to {f.Categories.Count - 1}, not {rows[i][c]}", nameof(rows));
                offset += f.Width;
            }
        }
        return Decode(Network.Predict(x, Target.Loss));
    }

    private IReadOnlyList<Prediction> Decode(Matrix<double> outputs)
    {
        var predictions = new Prediction[outputs.RowCount];
        for (int i = 0; i < predictions.Length; i++)
        {
            if (!Target.IsClassification)
            {
                predictions[i] = new Prediction(null, [], outputs[i, 0] * Target.Scale + Target.Mean);
                continue;
            }
            // A binary model has one sigmoid output: the probability of the second class.
            double[] p = outputs.ColumnCount == 1 ? [1 - outputs[i, 0], outputs[i, 0]] : outputs.Row(i).ToArray();
            int best = 0;
            for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            predictions[i] = new Prediction(Target.Classes[best], p, double.NaN);
        }
        return predictions;
    }
}
