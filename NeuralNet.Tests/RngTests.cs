using NeuralNet.Core;

namespace NeuralNet.Tests;

public class RngTests
{
    private static ulong[] Take(Rng rng, int n) => Enumerable.Range(0, n).Select(_ => rng.NextUInt64()).ToArray();

    [Test]
    public void SameSeed_SameSequence_OtherSeed_OtherSequence()
    {
        var first = Take(new Rng(42), 8);
        var again = Take(new Rng(42), 8);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Take(new Rng(43), 8), Is.Not.EqualTo(first));
    }

    [Test]
    public void State_RoundTripsForResuming()
    {
        var a = new Rng(1);
        Take(a, 5);
        var b = new Rng(999);
        b.SetState(a.GetState());
        Assert.That(Take(b, 8), Is.EqualTo(Take(a, 8)));
        Assert.Throws<ArgumentException>(() => b.SetState([0UL, 0, 0, 0]));
    }

    [Test]
    public void NextInt_StaysInRange_AndShuffleIsAPermutation()
    {
        var rng = new Rng(2);
        var draws = Enumerable.Range(0, 10_000).Select(_ => rng.NextInt(7)).ToArray();
        Assert.That(draws, Is.All.InRange(0, 6));
        Assert.That(draws.Distinct().Count(), Is.EqualTo(7));
        int[] items = Enumerable.Range(0, 50).ToArray();
        rng.Shuffle(items.AsSpan());
        Assert.That(items, Is.EquivalentTo(Enumerable.Range(0, 50)));
        Assert.That(items, Is.Not.EqualTo(Enumerable.Range(0, 50)));
    }

    [Test]
    public void NextGaussian_HasUnitVariance()
    {
        // 100 000 draws: mean 0 ± 5/√n, mean square 1 ± 5·√(2/n).
        var rng = new Rng(3);
        var x = Enumerable.Range(0, 100_000).Select(_ => rng.NextGaussian()).ToArray();
        Assert.That(x.Average(), Is.EqualTo(0).Within(5 / Math.Sqrt(x.Length)));
        Assert.That(x.Average(v => v * v), Is.EqualTo(1).Within(5 * Math.Sqrt(2.0 / x.Length)));
    }
}
