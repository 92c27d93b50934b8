using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Tests.Training.Losses;

/// <summary>
/// Loss gradients never hand the backward pass a subnormal float: entries below 2⁻⁶³ (√ of float's smallest normal)
/// are stored as 0, larger ones exactly as computed.
/// </summary>
public class NegligibleGradientTests
{
    private static ILoss<float>[] Losses() => [new SoftmaxCrossEntropy<float>(), new BinaryCrossEntropy<float>(), new MeanSquaredError<float>()];

    [TestCaseSource(nameof(Losses))]
    public void No_gradient_entry_is_subnormal_however_confident_the_output(ILoss<float> loss)
    {
        // One row per margin 0, 5, …, 200: softmax and logistic tails e^-margin run through every float scale into
        // the subnormals (e^-88 ≈ 6e-39 is below float's smallest normal); for MSE the residuals shrink the same way.
        int rows = 41;
        int cols = loss is BinaryCrossEntropy<float> ? 1 : 3;
        var output = Matrix<float>.Build.Dense(rows, cols);
        var target = Matrix<float>.Build.Dense(rows, cols);
        for (int i = 0; i < rows; i++)
        {
            float margin = 5f * i;
            if (loss is MeanSquaredError<float>)
            {
                output[i, 0] = MathF.ScaleB(1f, -20 - i * 3); // residuals 2^-20 … 2^-140 against a target of 0
            }
            else
            {
                output[i, 0] = margin; // confident and right
                target[i, 0] = 1f;
            }
        }
        var grad = Matrix<float>.Build.Dense(rows, cols);
        loss.Compute(output, target, grad);
        Assert.That(grad.Enumerate().Where(float.IsSubnormal), Is.Empty);
        Assert.That(grad.Enumerate().Where(g => g != 0), Is.All.Matches<float>(g => Math.Abs(g) >= NegligibleGradient.FloatThreshold));
    }

    [Test]
    public void Softmax_tail_below_the_threshold_is_zero_and_above_it_is_kept()
    {
        // Two classes, logits (m, 0), target class 0, one row: dL/dz_1 = softmax_1 = 1/(1 + e^m).
        // m = 40: ≈ 4.2e-18, above 2^-63 ≈ 1.08e-19 → stored as computed. m = 45: ≈ 2.9e-20, below → 0.
        var loss = new SoftmaxCrossEntropy<float>();
        foreach (var (margin, kept) in new[] { (40f, true), (45f, false) })
        {
            var grad = Matrix<float>.Build.Dense(1, 2);
            loss.Compute(Matrix<float>.Build.DenseOfRowArrays([margin, 0f]), Matrix<float>.Build.DenseOfRowArrays([1f, 0f]), grad);
            float expected = kept ? (float)(1 / (1 + Math.Exp(margin))) : 0f;
            Assert.That(grad[0, 1], Is.EqualTo(expected), $"margin {margin}");
        }
    }

    [Test]
    public void Double_keeps_everything_above_its_own_much_smaller_threshold()
    {
        // Gradient checks run in double: a tail of e^-300 ≈ 5e-131 is far above 2^-511 ≈ 1.5e-154 and must survive.
        var grad = Matrix<double>.Build.Dense(1, 2);
        new SoftmaxCrossEntropy<double>().Compute(Matrix<double>.Build.DenseOfRowArrays([300.0, 0]), Matrix<double>.Build.DenseOfRowArrays([1.0, 0]), grad);
        Assert.That(grad[0, 1], Is.EqualTo(1 / (1 + Math.Exp(300))).Within(1e-140));
        Assert.That(grad[0, 1], Is.GreaterThan(0));
    }
}
