using NeuralNet.Core.Activations;

namespace NeuralNet.Tests.Activations;

public class ActivationRegistryTests
{
    [TestCase("relu", typeof(Relu<double>))]
    [TestCase("leaky-relu", typeof(LeakyRelu<double>))]
    [TestCase("prelu", typeof(PRelu<double>))]
    [TestCase("identity", typeof(Identity<double>))]
    [TestCase("sigmoid", typeof(Sigmoid<double>))]
    [TestCase("tanh", typeof(Tanh<double>))]
    public void Create_BuildsTheNamedActivation(string name, Type expected)
    {
        var act = ActivationRegistry.Create<double>(new ActivationSpec(name), 3);
        Assert.That(act, Is.TypeOf(expected));
        Assert.That(act.Name, Is.EqualTo(name));
        Assert.That(act.Units, Is.EqualTo(3));
        Assert.That(act.IsRectifier, Is.EqualTo(ActivationRegistry.RectifierNames.Contains(name)));
    }

    [Test]
    public void Names_AreExactlyTheRegisteredOnes()
    {
        Assert.That(ActivationRegistry.Names, Is.EquivalentTo(new[] { "relu", "leaky-relu", "prelu", "identity", "sigmoid", "tanh" }));
    }

    [Test]
    public void UnknownName_IsRefusedWithTheValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationRegistry.Create<double>(new ActivationSpec("swish"), 3));
        Assert.That(ex.Message, Does.Contain("'swish'"));
        foreach (string name in ActivationRegistry.Names)
            Assert.That(ex.Message, Does.Contain(name));
    }

    [Test]
    public void Alpha_IsRefusedForActivationsWithoutOne()
    {
        Assert.Throws<ArgumentException>(() => ActivationRegistry.Create<double>(new ActivationSpec("relu", 0.1), 3));
        Assert.Throws<ArgumentException>(() => ActivationRegistry.Create<double>(new ActivationSpec("leaky-relu", PerUnitAlpha: true), 3));
    }

    [Test]
    public void LeakyRelu_RefusesANegativeSlope()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LeakyRelu<double>(3, -0.1));
    }
}
