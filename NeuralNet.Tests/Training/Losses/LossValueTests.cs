using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Tests.Training.Losses;

/// <summary>Loss values and gradients against hand computation, stability for huge logits, the registry.</summary>
public class LossValueTests
{
    private const double Tol = 1e-12;

    private static Matrix<double> Rows(params double[][] rows) => Matrix<double>.Build.DenseOfRowArrays(rows);

    private static (double Loss, double[][] Grad) Compute(ILoss<double> loss, Matrix<double> output, Matrix<double> target)
    {
        var grad = Matrix<double>.Build.Dense(output.RowCount, output.ColumnCount);
        double value = loss.Compute(output, target, grad);
        return (value, grad.ToRowArrays());
    }

    [Test]
    public void SoftmaxCrossEntropy_HandComputed()
    {
        // Row 1: logits (0, ln 3) → softmax (1/4, 3/4); target class 1 → −ln(3/4) = ln(4/3).
        // Row 2: logits (2, 2) → softmax (1/2, 1/2); target class 0 → ln 2.
        // Mean over the 2 rows; gradient (p − y)/2: row 1 (1/8, −1/8), row 2 (−1/4, 1/4).
        var (loss, grad) = Compute(new SoftmaxCrossEntropy<double>(), Rows([0, Math.Log(3)], [2, 2]), Rows([0, 1], [1, 0]));
        Assert.That(loss, Is.EqualTo((Math.Log(4.0 / 3) + Math.Log(2)) / 2).Within(Tol));
        Assert.That(grad, Is.EqualTo(new[] { new[] { 0.125, -0.125 }, [-0.25, 0.25] }).Within(Tol));
    }

    [Test]
    public void SoftmaxCrossEntropy_IsStableAndCorrectForLogitsOf1000()
    {
        // exp(1000) overflows a double. Stable values: (1000, 1000) → ln 2 whatever the magnitude;
        // (1000, −1000) with the right class → log(1 + e^−2000) = 0, with the wrong class → 2000.
        var (loss, grad) = Compute(new SoftmaxCrossEntropy<double>(),
            Rows([1000, 1000], [-1000, -1000], [1000, -1000], [1000, -1000]), Rows([1, 0], [0, 1], [1, 0], [0, 1]));
        Assert.That(loss, Is.EqualTo((Math.Log(2) + Math.Log(2) + 0 + 2000) / 4).Within(1e-9));
        // Gradients (p − y)/4: (½−1, ½)/4, (½, ½−1)/4, (1−1, 0)/4, (1, 0−1)/4.
        Assert.That(grad, Is.EqualTo(new[] { new[] { -0.125, 0.125 }, [0.125, -0.125], [0, 0], [0.25, -0.25] }).Within(Tol));
    }

    [TestCase(1), TestCase(5), TestCase(8), TestCase(13), TestCase(16), TestCase(37)]
    public void SoftmaxCrossEntropy_InFloat_MatchesTheDefinitionInDouble_ForAnyRowCount(int rows)
    {
        // Row counts below, at and off the vector width: whole vectors, an overlapping last block, the row-at-a-time route.
        // Expected values from the definition in double: L_i = log Σ_k e^{z_k} − Σ_k y_k z_k (one-hot y), g = (softmax − y)/n.
        var rng = new Random(rows);
        const int classes = 4;
        var z = Matrix<float>.Build.Dense(rows, classes, (_, _) => (float)(rng.NextDouble() * 8 - 4));
        var y = Matrix<float>.Build.Dense(rows, classes, (i, c) => c == (3 * i + 1) % classes ? 1f : 0f);
        var grad = Matrix<float>.Build.Dense(rows, classes);
        double loss = new SoftmaxCrossEntropy<float>().Compute(z, y, grad);
        double expected = 0;
        for (int i = 0; i < rows; i++)
        {
            double sum = Enumerable.Range(0, classes).Sum(c => Math.Exp(z[i, c]));
            expected += Math.Log(sum) - Enumerable.Range(0, classes).Sum(c => y[i, c] * (double)z[i, c]);
            for (int c = 0; c < classes; c++)
                Assert.That(grad[i, c], Is.EqualTo((Math.Exp(z[i, c]) / sum - y[i, c]) / rows).Within(1e-6 / rows), $"row {i}, class {c}");
        }
        Assert.That(loss, Is.EqualTo(expected / rows).Within(1e-5));
    }

    [Test]
    public void BinaryCrossEntropy_HandComputed()
    {
        // z = 0, y = 1: σ = ½, ℓ = −ln ½ = ln 2, gradient (½ − 1)/2 = −¼.
        // z = ln 3, y = 0: σ = 3/4, ℓ = −ln(1 − 3/4) = ln 4, gradient (3/4 − 0)/2 = 3/8.
        var (loss, grad) = Compute(new BinaryCrossEntropy<double>(), Rows([0], [Math.Log(3)]), Rows([1], [0]));
        Assert.That(loss, Is.EqualTo((Math.Log(2) + Math.Log(4)) / 2).Within(Tol));
        Assert.That(grad, Is.EqualTo(new[] { new[] { -0.25 }, [0.375] }).Within(Tol));
    }

    [Test]
    public void BinaryCrossEntropy_IsStableForLogitsOf1000()
    {
        // Right side: ℓ(1000, 1) = ℓ(−1000, 0) = log(1 + e^−1000) = 0. Wrong side: ℓ(1000, 0) = ℓ(−1000, 1) = 1000.
        // Gradients (σ(z) − y)/4: 0, 0, 1/4, −1/4.
        var (loss, grad) = Compute(new BinaryCrossEntropy<double>(), Rows([1000], [-1000], [1000], [-1000]), Rows([1], [0], [0], [1]));
        Assert.That(loss, Is.EqualTo(2000.0 / 4).Within(Tol));
        Assert.That(grad, Is.EqualTo(new[] { new[] { 0.0 }, [0.0], [0.25], [-0.25] }).Within(Tol));
    }

    [Test]
    public void MeanSquaredError_HandComputed()
    {
        // Errors (1, 0; 0, −2): squares 1 + 0 + 0 + 4 = 5 over 4 elements = 1.25; gradient 2·error/4.
        var (loss, grad) = Compute(new MeanSquaredError<double>(), Rows([1, 2], [3, 4]), Rows([0, 2], [3, 6]));
        Assert.That(loss, Is.EqualTo(1.25).Within(Tol));
        Assert.That(grad, Is.EqualTo(new[] { new[] { 0.5, 0 }, [0, -1.0] }).Within(Tol));
    }

    [Test]
    public void Predict_GivesProbabilitiesOrValues()
    {
        var softmax = Matrix<double>.Build.Dense(1, 2);
        new SoftmaxCrossEntropy<double>().Predict(Rows([0, Math.Log(3)]), softmax);
        Assert.That(softmax.Row(0).ToArray(), Is.EqualTo(new[] { 0.25, 0.75 }).Within(Tol));
        var sigmoid = Matrix<double>.Build.Dense(1, 1);
        new BinaryCrossEntropy<double>().Predict(Rows([Math.Log(3)]), sigmoid);
        Assert.That(sigmoid[0, 0], Is.EqualTo(0.75).Within(Tol));
    }

    [Test]
    public void MismatchedTargets_AreRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MeanSquaredError<double>().Compute(Rows([1, 2]), Rows([1]), null));
        Assert.That(ex.Message, Does.Contain("1×2").And.Contain("1×1"));
    }

    [TestCase("softmax-cross-entropy", typeof(SoftmaxCrossEntropy<double>))]
    [TestCase("binary-cross-entropy", typeof(BinaryCrossEntropy<double>))]
    [TestCase("mse", typeof(MeanSquaredError<double>))]
    public void Registry_BuildsTheNamedLoss(string name, Type expected)
    {
        var loss = LossRegistry.Create<double>(name);
        Assert.That(loss, Is.TypeOf(expected));
        Assert.That(loss.Name, Is.EqualTo(name));
    }

    [Test]
    public void Registry_RefusesUnknownNamesListingTheValidOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => LossRegistry.Create<double>("hinge"));
        Assert.That(ex.Message, Does.Contain("'hinge'"));
        foreach (string name in LossRegistry.Names) Assert.That(ex.Message, Does.Contain(name));
    }
}
