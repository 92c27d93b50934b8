using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Cli.Persistence;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// The sums <c>evaluate</c> reports, added up chunk by chunk: for classification, the
/// confusion matrix (precision, recall, F1, accuracy follow from it); for regression Σ(error²), Σ|error|, Σy and Σy².
/// </summary>
internal sealed class EvaluationTotals(TargetEncoding target)
{
    private readonly int[][] _confusion = Enumerable.Range(0, Math.Max(1, target.Classes.Count)).Select(_ => new int[Math.Max(1, target.Classes.Count)]).ToArray();
    private double _sse, _sae, _sum, _sumSquares;
    private int _rows;

    /// <summary>Adds one chunk: its encoded rows (with targets) and the network's outputs on them.</summary>
    public void Add(EncodedData data, Matrix<double> predictions)
    {
        var targets = data.TargetsAs<double>()!;
        _rows += data.Rows;
        for (int i = 0; i < data.Rows; i++)
        {
            if (target.IsClassification)
            {
                _confusion[ClassOf(targets, i)][ClassOf(predictions, i)]++;
                continue;
            }
            double actual = targets[i, 0] * target.Scale + target.Mean, predicted = predictions[i, 0] * target.Scale + target.Mean;
            _sse += (predicted - actual) * (predicted - actual);
            _sae += Math.Abs(predicted - actual);
            _sum += actual;
            _sumSquares += actual * actual;
        }
    }

    /// <summary>The report over every chunk added, with the mean <paramref name="loss"/> over all of them.</summary>
    public EvaluateReportDocument Report(string model, string source, double loss, IReadOnlyList<DeadLayerDocument> dead, IReadOnlyList<string> verdict)
    {
        double n = _rows;
        if (!target.IsClassification)
        {
            double sst = _sumSquares - _sum * _sum / n;
            double r2 = sst > 0 ? 1 - _sse / sst : _sse == 0 ? 1 : 0;
            return new EvaluateReportDocument(model, source, _rows, target.Task, Finite(loss), null, null, null, null, Finite(_sse / n), Finite(_sae / n), Finite(r2), dead, verdict);
        }
        int k = target.Classes.Count;
        var perClass = Enumerable.Range(0, k).Select(c =>
        {
            int tp = _confusion[c][c], support = _confusion[c].Sum(), predicted = _confusion.Sum(row => row[c]);
            double precision = predicted == 0 ? 0 : (double)tp / predicted, recall = support == 0 ? 0 : (double)tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassMetricsDocument(target.Classes[c], precision, recall, f1, support);
        }).ToList();
        double accuracy = (double)Enumerable.Range(0, k).Sum(c => _confusion[c][c]) / _rows;
        return new EvaluateReportDocument(model, source, _rows, target.Task, Finite(loss), accuracy, perClass, target.Classes, _confusion, null, null, null, dead, verdict);
    }

    /// <summary>The class of row <paramref name="i"/>: the arg-max of one-hot rows or probabilities, or the 0.5 threshold for one column.</summary>
    private static int ClassOf(Matrix<double> m, int i)
    {
        if (m.ColumnCount == 1) return m[i, 0] > 0.5 ? 1 : 0;
        int best = 0;
        for (int c = 1; c < m.ColumnCount; c++)
            if (m[i, c] > m[i, best]) best = c;
        return best;
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null; // JSON has no NaN: a missing value
}
