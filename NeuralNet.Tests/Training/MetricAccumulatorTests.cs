using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Training;

public class MetricAccumulatorTests
{
    private static Matrix<double> Rows(params double[][] rows) => Matrix<double>.Build.DenseOfRowArrays(rows);

    [Test]
    public void Accuracy_ArgMaxOverBatches()
    {
        // Batch 1: arg-max (1, 0) against targets (1, 1) → 1 right. Batch 2: arg-max 2 against 2 → right. 2 of 3.
        var acc = new MetricAccumulator<double>(classification: true);
        acc.Add(Rows([0.1, 0.9, 0], [2, 1, 0]), Rows([0, 1, 0], [0, 1, 0]));
        acc.Add(Rows([0, 0, 5]), Rows([0, 0, 1]));
        Assert.That(acc.Name, Is.EqualTo("accuracy"));
        Assert.That(acc.Value, Is.EqualTo(2.0 / 3).Within(1e-15));
    }

    [Test]
    public void Accuracy_SingleLogit_ThresholdsAtZero()
    {
        // Logit > 0 ⇔ p > ½: logits (0.3, −0.2, −1, 2) → (1, 0, 0, 1) against (1, 1, 0, 1): 3 of 4.
        var acc = new MetricAccumulator<double>(classification: true);
        acc.Add(Rows([0.3], [-0.2], [-1], [2]), Rows([1], [1], [0], [1]));
        Assert.That(acc.Value, Is.EqualTo(0.75));
    }

    [Test]
    public void RSquared_OverBatches_AveragedOverOutputs()
    {
        // Targets (1, 2, 3, 4): mean 2.5, SST = 2.25 + 0.25 + 0.25 + 2.25 = 5. Predictions off by (0, 1, 0, −1): SSE = 2.
        // R² = 1 − 2/5 = 0.6 for the first output; the second is predicted exactly (R² = 1): mean 0.8.
        var r2 = new MetricAccumulator<double>(classification: false);
        r2.Add(Rows([1, 10], [3, 20]), Rows([1, 10], [2, 20]));
        r2.Add(Rows([3, 30], [3, 40]), Rows([3, 30], [4, 40]));
        Assert.That(r2.Name, Is.EqualTo("r2"));
        Assert.That(r2.Value, Is.EqualTo(0.8).Within(1e-12));
    }

    [Test]
    public void RSquared_ConstantTarget_IsOneIfExactElseZero_AndResetForgets()
    {
        var r2 = new MetricAccumulator<double>(classification: false);
        r2.Add(Rows([2], [2]), Rows([2], [2]));
        Assert.That(r2.Value, Is.EqualTo(1.0));
        r2.Reset();
        Assert.That(r2.Value, Is.NaN);
        r2.Add(Rows([2], [3]), Rows([2], [2]));
        Assert.That(r2.Value, Is.Zero);
    }

    [TestCase(1), TestCase(7), TestCase(8), TestCase(16), TestCase(37)]
    public void Accuracy_OfWholeVectorsOfRows_MatchesTheRowByRowArgMax(int rows)
    {
        // Outputs drawn from {0, 1, 2, NaN} so that ties (first class wins) and NaN (never wins) are frequent; targets
        // one-hot or soft. The expected count is the definition, row by row.
        var rng = new Random(rows);
        float[] values = [0, 1, 2, float.NaN];
        var output = Matrix<float>.Build.Dense(rows, 3, (_, _) => values[rng.Next(4)]);
        var target = Matrix<float>.Build.Dense(rows, 3, (_, _) => values[rng.Next(3)]);
        static int ArgMax(Matrix<float> m, int row)
        {
            int best = 0;
            for (int c = 1; c < m.ColumnCount; c++)
                if (m[row, c] > m[row, best]) best = c;
            return best;
        }
        int correct = Enumerable.Range(0, rows).Count(i => ArgMax(output, i) == ArgMax(target, i));
        var acc = new MetricAccumulator<float>(classification: true);
        acc.Add(output, target);
        Assert.That(acc.Value, Is.EqualTo((double)correct / rows));
    }
}
