using NeuralNet.Core.Datasets;

namespace NeuralNet.Tests.Datasets;

public class SyntheticDatasetsTests
{
    [TestCaseSource(typeof(SyntheticDatasets), nameof(SyntheticDatasets.Names))]
    public void SameSeed_GivesTheSameRows_OtherSeed_DoesNot(string name)
    {
        var a = SyntheticDatasets.Generate(name, 50, 0.1, seed: 5, features: 3);
        var b = SyntheticDatasets.Generate(name, 50, 0.1, seed: 5, features: 3);
        var c = SyntheticDatasets.Generate(name, 50, 0.1, seed: 6, features: 3);

        Assert.That(b.Features, Is.EqualTo(a.Features));
        Assert.That(c.Features, Is.Not.EqualTo(a.Features));
        Assert.That(a.Rows, Is.EqualTo(50));
    }

    [Test]
    public void Friedman1_FollowsItsFormula_WithoutNoise()
    {
        var d = SyntheticDatasets.Generate("friedman1", 20, 0, seed: 1);
        for (int i = 0; i < d.Rows; i++)
        {
            var x = d.Features[i];
            double expected = 10 * Math.Sin(Math.PI * x[0] * x[1]) + 20 * Math.Pow(x[2] - 0.5, 2) + 10 * x[3] + 5 * x[4];
            Assert.That(d.Values![i], Is.EqualTo(expected).Within(1e-12));
        }
    }

    [Test]
    public void Xor_LabelsFollowTheSignOfTheProduct_WithoutNoise()
    {
        var d = SyntheticDatasets.Generate("xor", 100, 0, seed: 2);
        for (int i = 0; i < d.Rows; i++)
            Assert.That(d.Labels![i], Is.EqualTo(d.Features[i][0] * d.Features[i][1] > 0 ? "class_a" : "class_b"));
    }

    [Test]
    public void Circles_LieOnTheirRadius_WithoutNoise()
    {
        var d = SyntheticDatasets.Generate("circles", 40, 0, seed: 3);
        for (int i = 0; i < d.Rows; i++)
        {
            double r = Math.Sqrt(d.Features[i][0] * d.Features[i][0] + d.Features[i][1] * d.Features[i][1]);
            Assert.That(r, Is.EqualTo(d.Labels![i] == "outer" ? 1.0 : 0.5).Within(1e-12));
        }
    }

    [Test]
    public void UnknownName_IsRefusedWithTheValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => SyntheticDatasets.Generate("blobs", 10, 0, 1));
        Assert.That(ex!.Message, Does.Contain("moons").And.Contain("friedman1"));
    }
}
