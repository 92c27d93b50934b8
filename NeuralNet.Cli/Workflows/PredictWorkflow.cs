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
    /// <summary>Bytes of the file read per chunk; null for the reader's default (tests set a few bytes to cut the file often).</summary>
    internal static int? ChunkBytes { get; set; }

    /// <summary>Runs the prediction and returns the exit code.</summary>
    /// <exception cref="CliException">On a usage or data error.</exception>
    public static int Run(DataFileSettings s, Reporter r)
    {
        OutputPaths.Check([s.ModelPath, s.DataPath], ("--out", s.OutPath));
        var model = Model.Load(s.ModelPath);
        var predictor = new ChunkedPredictor(model.Network, model.Features, model.Target, ValueParser.ForCulture(s.Culture), s.Missing, s.ModelPath);
        var chunks = predictor.Run(CsvTableReader.ReadChunks(s.DataPath!, s.Delimiter, s.MaxFileBytes, s.Culture, predictor.TextColumns, ChunkBytes), targetRequired: false);
        bool single = model.Network.Precision == "float";
        string Number(double v) => single ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);
        var target = model.Target;

        // Chunk by chunk: the input rows are written back as the file has them (its records read again one at a time,
        // beside the chunk's predictions), so memory does not grow with the file.
        void Write(TextWriter writer)
        {
            IEnumerator<string[]>? records = null;
            bool started = false;
            int skip = 0; // records written from plain lines, which the record reader must step over
            char[] chars = [];
            try
            {
                foreach (var chunk in chunks)
                {
                    var table = chunk.Table;
                    if (!started)
                    {
                        started = true;
                        var header = table.Columns.ToList();
                        string predictionColumn = UniqueName(header, "prediction");
                        header.Add(predictionColumn);
                        if (target.IsClassification) header.AddRange(target.Classes.Select(c => UniqueName(header, $"p_{c}")));
                        CsvTableWriter.Write(writer, header, [], table.Delimiter);
                    }
                    if (chunk.PlainLines is { } lines)
                    {
                        // The usual case, without splitting and re-joining every field: the line is its fields joined.
                        int row = 0, kept = 0;
                        foreach (var line in lines)
                        {
                            if (chunk.Data is { } data && kept < data.Rows && data.SourceRows[kept] == row)
                            {
                                if (chars.Length < line.Length) chars = new char[Math.Max(line.Length, 2 * chars.Length)];
                                int n = System.Text.Encoding.UTF8.GetChars(line.Span, chars);
                                CsvTableWriter.WriteRow(writer, chars.AsSpan(0, n), Outputs(chunk.Outputs!, kept, target, Number), table.Delimiter);
                                kept++;
                            }
                            row++;
                        }
                        skip += table.RowCount;
                        continue;
                    }
                    records ??= TypedCsvReader.Records(table.Source, table.Delimiter).GetEnumerator();
                    for (; skip > 0 && records.MoveNext(); skip--) { }
                    CsvTableWriter.Write(writer, null, Rows(chunk, records, target, Number), table.Delimiter);
                }
            }
            finally
            {
                records?.Dispose();
            }
        }

        if (s.OutPath is { } path)
        {
            AtomicFile.WriteText(path, Write);
            foreach (var warning in predictor.Warnings) r.Warning(warning);
            string dropped = predictor.DroppedRows > 0 ? $" ({predictor.DroppedRows} rows with missing values left out)" : "";
            r.Line($"wrote {predictor.Rows} predictions to {path}{dropped}");
        }
        else
        {
            var buffer = new StringWriter();
            Write(buffer);
            foreach (var warning in predictor.Warnings) r.Warning(warning);
            r.Json(buffer.ToString().TrimEnd('\n')); // raw text on stdout, never through the console renderer
        }
        return ExitCodes.Ok;
    }

    /// <summary>The output rows of one chunk: each kept record with its prediction (records of rows left out are skipped).</summary>
    private static IEnumerable<IReadOnlyList<string>> Rows(PredictedChunk chunk, IEnumerator<string[]> records, TargetEncoding target, Func<double, string> number)
    {
        int kept = 0;
        for (int row = 0; row < chunk.Table.RowCount; row++)
        {
            if (!records.MoveNext()) yield break;
            if (chunk.Data is not { } data || kept == data.Rows || data.SourceRows[kept] != row) continue; // a row left out for a missing value
            var fields = records.Current.ToList();
            fields.AddRange(Outputs(chunk.Outputs!, kept, target, number));
            kept++;
            yield return fields;
        }
    }

    /// <summary>The fields added to row <paramref name="i"/>: the predicted class and each class's probability, or the value in target units.</summary>
    private static IEnumerable<string> Outputs(MathNet.Numerics.LinearAlgebra.Matrix<double> outputs, int i, TargetEncoding target, Func<double, string> number)
    {
        if (!target.IsClassification) return [number(outputs[i, 0] * target.Scale + target.Mean)];
        var p = Probabilities(outputs, i);
        int best = 0;
        for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
        return [target.Classes[best], .. p.Select(number)];
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
