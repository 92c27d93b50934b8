using NeuralNet.Core.Models;

namespace NeuralNet.Tests.Models;

/// <summary>The one block codec of model files and checkpoints: floats and integers round-trip bit for bit; a bad block is refused naming it.</summary>
public sealed class TensorCodecTests
{
    [Test]
    public void Integers_RoundTrip_IncludingTheirExtremes()
    {
        int[] order = [0, 1, -1, int.MaxValue, int.MinValue];
        long[] steps = [long.MaxValue, long.MinValue, 0];
        ulong[] words = [ulong.MaxValue, 0, 1UL << 63, 12345];

        Assert.That(TensorCodec.DecodeIntegers<int>(TensorCodec.EncodeIntegers<int>(order, [5]), "order", [5]), Is.EqualTo(order));
        Assert.That(TensorCodec.DecodeIntegers<long>(TensorCodec.EncodeIntegers<long>(steps, [3]), "steps", [3]), Is.EqualTo(steps));
        Assert.That(TensorCodec.DecodeIntegers<ulong>(TensorCodec.EncodeIntegers<ulong>(words, [2, 2]), "rng", [2, 2]), Is.EqualTo(words));
    }

    [Test]
    public void IntegerBlocks_HaveTheirDtypeAndLittleEndianBytes()
    {
        var block = TensorCodec.EncodeIntegers<long>([258L], []);

        Assert.That(block.Dtype, Is.EqualTo(TensorCodec.Int64));
        Assert.That(Convert.FromBase64String(block.Data), Is.EqualTo(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0 }));
        Assert.That(TensorCodec.DecodeIntegers<long>(block, "step", []), Is.EqualTo(new[] { 258L }), "shape [] holds one number");
    }

    [Test]
    public void AFloatBlock_OfAnotherPrecision_IsRefusedNamingIt()
    {
        var block = TensorCodec.Encode([1.5, 2.5], [2], TensorCodec.Float64);

        var e = Assert.Throws<ArgumentException>(() => TensorCodec.Decode(block, "layers.0.bias", [2], TensorCodec.Float32))!;

        Assert.That(e.Message, Is.EqualTo("parameter 'layers.0.bias' is float64 but the precision it was trained in needs float32"));
        Assert.That(TensorCodec.Decode(block, "layers.0.bias", [2]), Is.EqualTo(new[] { 1.5, 2.5 }), "without a required dtype either float is read");
    }

    [Test]
    public void AnIntegerBlock_OfAnotherDtype_IsRefusedNamingIt()
    {
        var block = TensorCodec.EncodeIntegers<int>([1, 2], [2]);

        var e = Assert.Throws<ArgumentException>(() => TensorCodec.DecodeIntegers<ulong>(block, "rng.state", [2]))!;

        Assert.That(e.Message, Is.EqualTo("parameter 'rng.state' has dtype 'int32'; expected uint64"));
    }

    /// <summary>A shape read from a file is checked before it sizes anything: negative, or more values than an array holds.</summary>
    [TestCase(new[] { -1, -4 }, TestName = "Shape_WithNegativeDimensions_IsRefused")]
    [TestCase(new[] { 65536, 65536, 65536, 65536 }, TestName = "Shape_ThatOverflows_IsRefused")]
    public void ImpossibleShape_IsRefused(int[] shape)
    {
        var block = new TensorDocument(TensorCodec.Float32, shape, Convert.ToBase64String(new byte[16]));

        var e = Assert.Throws<ArgumentException>(() => TensorCodec.Decode(block, "layers.0.weight", shape))!;

        Assert.That(e.Message, Does.StartWith("parameter 'layers.0.weight' has shape [").And.Contain("a dimension is negative or it holds more than"));
    }
}
