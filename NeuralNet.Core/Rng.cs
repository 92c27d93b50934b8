namespace NeuralNet.Core;

/// <summary>
/// The one source of randomness in the library: xoshiro256** seeded through SplitMix64.
/// Every draw (initialization, shuffling, splits) comes from an instance created from the user's seed,
/// so the same seed gives bit-identical results on every machine and .NET version, and the whole
/// generator state can be saved and restored (<see cref="GetState"/>, <see cref="SetState"/>) for resuming.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="seed">Any 64-bit value; equal seeds give equal sequences.</param>
    public Rng(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = unchecked(x += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [low, high).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [0, maxExclusive), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If <paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong r = NextUInt64();
        // Rejects r ≥ limit = MaxValue − MaxValue mod bound. limit > MaxValue − bound, so only such r need the division
        // that finds it (one draw in 2^33 at most): the same draws as always, with one division per call instead of two.
        while (r > ulong.MaxValue - bound && r >= ulong.MaxValue - ulong.MaxValue % bound) r = NextUInt64();
        return (int)(r % bound);
    }

    /// <summary>A standard normal draw (Box–Muller, one value per call so the sequence has no hidden state).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The generator's full state, for checkpoints.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Restores a state captured by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">If the state is not four words or is all zero.</exception>
    public void SetState(IReadOnlyList<ulong> state)
    {
        if (state.Count != 4 || (state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("An Rng state is four 64-bit words, not all zero.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }
}
