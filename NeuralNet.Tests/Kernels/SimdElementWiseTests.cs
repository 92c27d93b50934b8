using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// The SIMD element-wise passes against their scalar definitions, on lengths that leave a scalar tail
/// (so both halves of each loop run), with exact zeros and negative zeros to pin PyTorch's rule at 0.
/// </summary>
[TestFixture]
public sealed class SimdElementWiseTests
{
    private const int Rows = 37; // not a multiple of any vector width
    private const int Units = 3;

    private static Matrix<double> Inputs(int seed)
    {
        var rng = new Random(seed);
        var z = Matrix<double>.Build.Dense(Rows, Units, (_, _) => rng.NextDouble() * 4 - 2);
        z[0, 0] = 0.0;
        z[5, 1] = -0.0;
        z[9, 2] = 0.0;
        z[17, 0] = 0.0; // inside the vector part of every width
        return z;
    }

    [Test]
    public void Relu_forward_and_backward_follow_the_scalar_rule_with_zero_gradient_at_zero()
    {
        var z = Inputs(1);
        var g = Inputs(2) + 3; // nonzero upstream gradient
        var relu = new Relu<double>(Units);
        var a = Matrix<double>.Build.Dense(Rows, Units);
        var dz = Matrix<double>.Build.Dense(Rows, Units);
        relu.Forward(z, a);
        relu.Backward(z, g, dz);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Units; j++)
            {
                Assert.That(a[i, j], Is.EqualTo(z[i, j] > 0 ? z[i, j] : 0.0));
                Assert.That(dz[i, j], Is.EqualTo(z[i, j] > 0 ? g[i, j] : 0.0), $"relu'({z[i, j]})");
            }
    }

    [Test]
    public void Leaky_relu_backward_uses_alpha_at_zero()
    {
        const double alpha = 0.01;
        var z = Inputs(3);
        var g = Inputs(4) + 3;
        var leaky = new LeakyRelu<double>(Units, alpha);
        var a = Matrix<double>.Build.Dense(Rows, Units);
        var dz = Matrix<double>.Build.Dense(Rows, Units);
        leaky.Forward(z, a);
        leaky.Backward(z, g, dz);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Units; j++)
            {
                Assert.That(a[i, j], Is.EqualTo(z[i, j] > 0 ? z[i, j] : alpha * z[i, j]));
                Assert.That(dz[i, j], Is.EqualTo(z[i, j] > 0 ? g[i, j] : alpha * g[i, j]), $"leaky'({z[i, j]})");
            }
    }

    [TestCase(false), TestCase(true)]
    public void Prelu_gradients_match_the_scalar_rule_and_alpha_learns_nothing_from_zero(bool perUnit)
    {
        var z = Inputs(5);
        var g = Inputs(6) + 3;
        var prelu = new PRelu<double>(Units, perUnit, initialAlpha: 0.25);
        var a = Matrix<double>.Build.Dense(Rows, Units);
        var dz = Matrix<double>.Build.Dense(Rows, Units);
        prelu.Forward(z, a);
        prelu.Backward(z, g, dz);
        var expectedAlphaGrad = new double[perUnit ? Units : 1];
        double sumAbs = 0;
        for (int j = 0; j < Units; j++)
            for (int i = 0; i < Rows; i++)
            {
                Assert.That(a[i, j], Is.EqualTo(z[i, j] > 0 ? z[i, j] : 0.25 * z[i, j]));
                Assert.That(dz[i, j], Is.EqualTo(z[i, j] > 0 ? g[i, j] : 0.25 * g[i, j]), $"prelu'({z[i, j]})");
                if (z[i, j] < 0) expectedAlphaGrad[perUnit ? j : 0] += g[i, j] * z[i, j];
                sumAbs += Math.Abs(g[i, j] * z[i, j]);
            }
        // Summation order differs between the vector lanes and a serial loop: allow Rows roundings.
        double tol = Rows * double.Epsilon + Rows * 1.2e-16 * sumAbs;
        for (int u = 0; u < expectedAlphaGrad.Length; u++)
            Assert.That(prelu.Alpha.Gradient[u], Is.EqualTo(expectedAlphaGrad[u]).Within(tol));
    }

    [Test]
    public void Sgd_with_nesterov_and_decay_matches_the_scalar_update_bit_for_bit()
    {
        var (p, reference) = TwoParameters(7);
        var sgd = new Sgd<float>([p], learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01);
        var v = new float[reference.Length];
        for (int step = 0; step < 3; step++)
        {
            sgd.Step();
            for (int i = 0; i < reference.Length; i++)
            {
                float g = p.Gradient[i] + 0.01f * reference[i];
                v[i] = 0.9f * v[i] + g;
                reference[i] -= 0.1f * (g + 0.9f * v[i]);
            }
        }
        Assert.That(p.Value, Is.EqualTo(reference));
    }

    [Test]
    public void Adam_matches_the_scalar_update_bit_for_bit()
    {
        var (p, reference) = TwoParameters(8);
        var adam = new Adam<float>([p], learningRate: 1e-2, weightDecay: 0.01);
        var m = new float[reference.Length];
        var v = new float[reference.Length];
        for (int step = 1; step <= 3; step++)
        {
            adam.Step();
            float stepSize = (float)(1e-2 / (1 - Math.Pow(0.9, step)));
            float vCorrection = (float)(1 / (1 - Math.Pow(0.999, step)));
            for (int i = 0; i < reference.Length; i++)
            {
                float g = p.Gradient[i] + 0.01f * reference[i];
                m[i] = 0.9f * m[i] + (1 - 0.9f) * g;
                v[i] = 0.999f * v[i] + (1 - 0.999f) * g * g;
                reference[i] = reference[i] * 1f - stepSize * m[i] / (MathF.Sqrt(v[i] * vCorrection) + 1e-8f);
            }
        }
        Assert.That(p.Value, Is.EqualTo(reference));
    }

    private static (Parameter<float> Parameter, float[] Reference) TwoParameters(int seed)
    {
        var rng = new Random(seed);
        var p = new Parameter<float>("w", 7, 5, applyWeightDecay: true); // 35 values: a vector part and a tail
        for (int i = 0; i < p.Length; i++)
        {
            p.Value[i] = (float)(rng.NextDouble() - 0.5);
            p.Gradient[i] = (float)(rng.NextDouble() - 0.5);
        }
        return (p, (float[])p.Value.Clone());
    }
}
