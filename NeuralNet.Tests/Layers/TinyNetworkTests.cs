using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Layers;

/// <summary>
/// A 2-2-1 ReLU network with MSE and fixed weights, worked by hand (the idea of sklearn's <c>test_fit</c>):
/// forward values, loss, every gradient and one SGD step.
/// </summary>
public class TinyNetworkTests
{
    private const double Tol = 1e-12;

    [Test]
    public void ForwardLossGradientsAndOneSgdStep_MatchTheHandComputation()
    {
        // Hidden layer (W rows = inputs, columns = units): unit 0 has weights (0.5, 0.25), unit 1 has (−1, 0.5);
        // b₁ = (0.1, −0.2). Output layer: W₂ = (1.5, −0.5), b₂ = 0.2.
        var hidden = new DenseLayer<double>(2, 2, new Relu<double>(2), "layer0");
        hidden.Weights.ValueMatrix.SetRow(0, [0.5, -1.0]);
        hidden.Weights.ValueMatrix.SetRow(1, [0.25, 0.5]);
        hidden.Bias.ValueMatrix.SetRow(0, [0.1, -0.2]);
        var output = new DenseLayer<double>(2, 1, new Identity<double>(1), "layer1");
        output.Weights.ValueMatrix.SetColumn(0, [1.5, -0.5]);
        output.Bias.Value[0] = 0.2;
        var net = new Mlp<double>([hidden, output]);

        // Two samples x⁽¹⁾ = (1, 2), x⁽²⁾ = (−1, 1) with targets 1 and 0.
        var x = Matrix<double>.Build.DenseOfRowArrays([1.0, 2], [-1.0, 1]);
        var y = Matrix<double>.Build.DenseOfRowArrays([1.0], [0.0]);

        // Forward.
        // x⁽¹⁾: z = (0.5 + 0.5 + 0.1, −1 + 1 − 0.2) = (1.1, −0.2) → a = (1.1, 0); ŷ = 1.5·1.1 + 0.2 = 1.85
        // x⁽²⁾: z = (−0.5 + 0.25 + 0.1, 1 + 0.5 − 0.2) = (−0.15, 1.3) → a = (0, 1.3); ŷ = −0.5·1.3 + 0.2 = −0.45
        var yHat = net.Forward(x);
        Assert.That(hidden.LastPreActivation.ToRowArrays(), Is.EqualTo(new[] { new[] { 1.1, -0.2 }, [-0.15, 1.3] }).Within(Tol));
        Assert.That(yHat.Column(0).ToArray(), Is.EqualTo(new[] { 1.85, -0.45 }).Within(Tol));

        // Loss: MSE = ((1.85 − 1)² + (−0.45 − 0)²) / 2 = (0.7225 + 0.2025) / 2 = 0.4625.
        // dL/dŷ = 2(ŷ − y)/2 = ŷ − y = (0.85, −0.45).
        var mse = new MeanSquaredError<double>();
        var grad = Matrix<double>.Build.Dense(2, 1);
        Assert.That(mse.Compute(yHat, y, grad), Is.EqualTo(0.4625).Within(Tol));
        Assert.That(grad.Column(0).ToArray(), Is.EqualTo(new[] { 0.85, -0.45 }).Within(Tol));

        // Backward, output layer: dW₂ = aᵀ·dŷ = (1.1·0.85 + 0·(−0.45), 0·0.85 + 1.3·(−0.45)) = (0.935, −0.585);
        // db₂ = 0.85 − 0.45 = 0.4.
        // da = dŷ·W₂ᵀ: x⁽¹⁾ (0.85·1.5, 0.85·(−0.5)) = (1.275, −0.425); x⁽²⁾ (−0.45·1.5, −0.45·(−0.5)) = (−0.675, 0.225).
        // dz = da ⊙ relu'(z), relu' = 1 only where z > 0: x⁽¹⁾ (1.275, 0); x⁽²⁾ (0, 0.225).
        // dW₁ = xᵀ·dz: [0,0] = 1·1.275 + (−1)·0 = 1.275, [1,0] = 2·1.275 + 1·0 = 2.55,
        //              [0,1] = 1·0 + (−1)·0.225 = −0.225, [1,1] = 2·0 + 1·0.225 = 0.225.
        // db₁ = column sums of dz = (1.275, 0.225).
        net.ZeroGrad();
        net.Backward(grad);
        Assert.That(output.Weights.Gradient, Is.EqualTo(new[] { 0.935, -0.585 }).Within(Tol));
        Assert.That(output.Bias.Gradient, Is.EqualTo(new[] { 0.4 }).Within(Tol));
        Assert.That(hidden.Weights.GradientMatrix.ToRowArrays(), Is.EqualTo(new[] { new[] { 1.275, -0.225 }, [2.55, 0.225] }).Within(Tol));
        Assert.That(hidden.Bias.Gradient, Is.EqualTo(new[] { 1.275, 0.225 }).Within(Tol));

        // One SGD step with η = 0.1 (w ← w − 0.1·g):
        // W₁ = [[0.5 − 0.1275, −1 + 0.0225], [0.25 − 0.255, 0.5 − 0.0225]] = [[0.3725, −0.9775], [−0.005, 0.4775]]
        // b₁ = (0.1 − 0.1275, −0.2 − 0.0225) = (−0.0275, −0.2225); W₂ = (1.5 − 0.0935, −0.5 + 0.0585) = (1.4065, −0.4415);
        // b₂ = 0.2 − 0.04 = 0.16.
        new Sgd<double>(net.Parameters, 0.1).Step();
        Assert.That(hidden.Weights.ValueMatrix.ToRowArrays(), Is.EqualTo(new[] { new[] { 0.3725, -0.9775 }, [-0.005, 0.4775] }).Within(Tol));
        Assert.That(hidden.Bias.Value, Is.EqualTo(new[] { -0.0275, -0.2225 }).Within(Tol));
        Assert.That(output.Weights.Value, Is.EqualTo(new[] { 1.4065, -0.4415 }).Within(Tol));
        Assert.That(output.Bias.Value, Is.EqualTo(new[] { 0.16 }).Within(Tol));

        // The step lowers the loss. x⁽¹⁾: z = (0.3725 − 0.01 − 0.0275, −0.9775 + 0.955 − 0.2225) = (0.335, −0.245),
        // ŷ = 1.4065·0.335 + 0.16 = 0.6311775. x⁽²⁾: z = (−0.3725 − 0.005 − 0.0275, 0.9775 + 0.4775 − 0.2225) = (−0.405, 1.2325),
        // ŷ = −0.4415·1.2325 + 0.16 = −0.38414875. MSE = ((0.6311775 − 1)² + 0.38414875²) / 2 = 0.14180014931640625.
        Assert.That(mse.Compute(net.Forward(x), y, null), Is.EqualTo(0.14180014931640625).Within(Tol));
    }
}
