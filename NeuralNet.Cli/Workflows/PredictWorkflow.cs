using NeuralNet.Core.Models;
using System.Globalization;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>neuralnet predict MODEL DATA [--out preds.csv]</c>: the input rows plus a <c>prediction</c> column and, for
/// classification, one probability column per class. The target column may be absent.
/// </summary>
public static class PredictWorkflow
{
    /// <summary>Runs the prediction and returns the exit code.</summary>
    /// <exception cref="CliException">On a usage or data error.</exception>
    public static int Run(DataFileSettings s, Reporter r)
    {
        OutputPaths.Check([s.ModelPath, s.DataPath], ("--out", s.OutPath));
        var model = ModelStore.LoadModel(s.ModelPath);
        var encoder = new DataEncoder(model.Features, model.Target, ValueParser.ForCulture(s.Culture), s.Missing);
        var table = CsvTableReader.Read(s.DataPath!, s.Delimiter, s.MaxFileBytes, s.Culture, textColumns: encoder.TextColumns);
        var data = encoder.Encode(table, targetRequired: false);
        foreach (var warning in data.Warnings) r.Warning(warning);
        var predictions = model.Network.Predict(data.Features, model.Target.Loss);
        PredictionGuard.EnsureFinite(predictions, s.ModelPath, i => table.Where(data.SourceRows[i]));
        bool single = model.Network.Precision == "float";
        string Number(double v) => single ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);

        var target = model.Target;
        var header = table.Columns.ToList();
        string predictionColumn = UniqueName(header, "prediction");
        header.Add(predictionColumn);
        if (target.IsClassification) header.AddRange(target.Classes.Select(c => UniqueName(header, $"p_{c}")));
        // The input rows are written back as the file has them: its records are read again one at a time, beside the predictions.
        IEnumerable<IReadOnlyList<string>> Rows()
        {
            int i = 0, source = 0;
            foreach (var fields in TypedCsvReader.Records(table.Source, table.Delimiter))
            {
                if (i == data.Rows) yield break;
                if (data.SourceRows[i] != source++) continue; // a row left out for a missing value
                var row = fields.ToList();
                if (target.IsClassification)
                {
                    var p = Probabilities(predictions, i);
                    int best = 0;
                    for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
                    row.Add(target.Classes[best]);
                    row.AddRange(p.Select(Number));
                }
                else
                {
                    row.Add(Number(predictions[i, 0] * target.Scale + target.Mean));
                }
                i++;
                yield return row;
            }
        }

        if (s.OutPath is { } path)
        {
            AtomicFile.WriteText(path, w => CsvTableWriter.Write(w, header, Rows(), table.Delimiter));
            string dropped = data.DroppedRows > 0 ? $" ({data.DroppedRows} rows with missing values left out)" : "";
            r.Line($"wrote {data.Rows} predictions to {path}{dropped}");
        }
        else
        {
            var buffer = new StringWriter();
            CsvTableWriter.Write(buffer, header, Rows(), table.Delimiter);
            r.Json(buffer.ToString().TrimEnd('\n')); // raw text on stdout, never through the console renderer
        }
        return ExitCodes.Ok;
    }

    /// <summary>Class probabilities of row <paramref name="i"/>; one sigmoid output p means [1 − p, p].</summary>
    private static double[] Probabilities(MathNet.Numerics.LinearAlgebra.Matrix<double> predictions, int i)
        => predictions.ColumnCount == 1
            ? [1 - predictions[i, 0], predictions[i, 0]]
            : Enumerable.Range(0, predictions.ColumnCount).Select(c => predictions[i, c]).ToArray();

    private static string UniqueName(List<string> existing, string name)
    {
        string candidate = name;
        for (int n = 2; existing.Contains(candidate); n++) candidate = $"{name}_{n}";
        return candidate;
    }
}
