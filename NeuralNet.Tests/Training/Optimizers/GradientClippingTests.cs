using NeuralNet.Core;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training.Optimizers;

public class GradientClippingTests
{
    private static Parameter<double>[] Gradients()
    {
        // Gradients (3, 4) and (12): global norm √(9 + 16 + 144) = 13.
        var a = new Parameter<double>("a", 2, 1, true);
        var b = new Parameter<double>("b", 1, 1, false);
        (a.Gradient[0], a.Gradient[1], b.Gradient[0]) = (3, 4, 12);
        return [a, b];
    }

    [Test]
    public void AboveTheLimit_ScalesEveryGradientToTheMaxNorm()
    {
        // Max norm 6.5 = 13/2: every gradient is halved (PyTorch's factor maxNorm/(norm + 1e-6)).
        var ps = Gradients();
        double norm = GradientClipping.ClipByGlobalNorm(ps, 6.5);
        Assert.That(norm, Is.EqualTo(13.0).Within(1e-12));
        Assert.That(ps[0].Gradient.Append(ps[1].Gradient[0]), Is.EqualTo(new[] { 1.5, 2, 6 }).Within(1e-6));
    }

    [Test]
    public void BelowTheLimit_LeavesGradientsUntouched()
    {
        var ps = Gradients();
        Assert.That(GradientClipping.ClipByGlobalNorm(ps, 13.5), Is.EqualTo(13.0).Within(1e-12));
        Assert.That(ps[0].Gradient.Append(ps[1].Gradient[0]), Is.EqualTo(new[] { 3.0, 4, 12 }));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.PositiveInfinity)]
    public void InvalidMaxNorm_IsRefused(double maxNorm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(Gradients(), maxNorm));
    }
}
