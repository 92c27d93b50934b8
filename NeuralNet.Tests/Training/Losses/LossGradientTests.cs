using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Tests.Training.Losses;

/// <summary>Every loss's gradient dL/d(output) against central differences of its value.</summary>
public class LossGradientTests
{
    private const int Rows = 5, Classes = 3;

    private static void AssertLossGradient(ILoss<double> loss, Matrix<double> output, Matrix<double> target)
    {
        var grad = Matrix<double>.Build.Dense(output.RowCount, output.ColumnCount);
        double value = loss.Compute(output, target, grad);
        Assert.That(double.IsFinite(value), Is.True, $"{loss.Name} value {value}");
        GradientCheck.AssertGradient($"{loss.Name} dL/doutput", () => loss.Compute(output, target, null),
            GradientCheck.Values(output), GradientCheck.Values(grad));
    }

    private static Matrix<double> OneHot(int rows, int classes) => Matrix<double>.Build.Dense(rows, classes, (i, c) => c == (2 * i + 1) % classes ? 1 : 0);

    [Test]
    public void SoftmaxCrossEntropy_OneHotTargets()
    {
        var rng = new Rng(41);
        AssertLossGradient(new SoftmaxCrossEntropy<double>(), GradientCheck.Uniform(rng, Rows, Classes, -3, 3), OneHot(Rows, Classes));
    }

    [Test]
    public void SoftmaxCrossEntropy_SoftTargets()
    {
        var rng = new Rng(42);
        var soft = GradientCheck.Uniform(rng, Rows, Classes, 0.1, 1);
        soft = Matrix<double>.Build.DenseOfRowVectors(soft.EnumerateRows().Select(r => r / r.Sum()));
        AssertLossGradient(new SoftmaxCrossEntropy<double>(), GradientCheck.Uniform(rng, Rows, Classes, -3, 3), soft);
    }

    [TestCase(1000)]
    [TestCase(-1000)]
    public void SoftmaxCrossEntropy_LargeLogits(double offset)
    {
        // Logits near ±1000 (exp would overflow or underflow without subtracting the row maximum) with spreads of a few units,
        // so that the softmax is neither one-hot nor uniform and the gradient has something to check.
        var rng = new Rng(43);
        var logits = GradientCheck.Uniform(rng, Rows, Classes, -2, 2) + offset;
        AssertLossGradient(new SoftmaxCrossEntropy<double>(), logits, OneHot(Rows, Classes));
    }

    [Test]
    public void BinaryCrossEntropy_OnLogits()
    {
        var rng = new Rng(44);
        var targets = Matrix<double>.Build.Dense(Rows, 2, (i, c) => (i + c) % 2);
        AssertLossGradient(new BinaryCrossEntropy<double>(), GradientCheck.Uniform(rng, Rows, 2, -4, 4), targets);
    }

    [Test]
    public void MeanSquaredError()
    {
        var rng = new Rng(45);
        AssertLossGradient(new MeanSquaredError<double>(), GradientCheck.Uniform(rng, Rows, 2, -2, 2), GradientCheck.Uniform(rng, Rows, 2, -2, 2));
    }
}
