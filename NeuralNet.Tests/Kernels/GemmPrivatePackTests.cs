using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;
using static NeuralNet.Tests.Kernels.GemmTests;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// A transposed A small enough to pack whole on each thread, with more rows than columns (a first layer's weight
/// gradient xᵀ·dz), is split by columns with a private pack per thread (<see cref="GemmEngine.PrivatePackA"/>)
/// instead of by rows. Every element must equal the naive loop within rounding and carry the same bits as the row
/// split and as one thread: each is summed by the same driver in the same depth slices.
/// </summary>
public class GemmPrivatePackTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var isa in new[] { nameof(GemmIsa.Auto), nameof(GemmIsa.Avx256), nameof(GemmIsa.Scalar) })
            foreach (bool small in new[] { false, true })
                yield return new TestCaseData(isa, small);
    }

    [TestCaseSource(nameof(Cases))]
    public void Column_split_with_private_pack_matches_naive_product(string isa, bool smallBlocks)
    {
        GemmBlockSizes? blocks = smallBlocks ? new GemmBlockSizes(MC: 40, KC: 24, NC: 30) : null;
        using var _ = new GemmSettings(Enum.Parse<GemmIsa>(isa), GemmPath.PackedThreaded, blocks);
        Check<float>(100, 61, 37, Product.AtB, accumulate: false, seed: 31);
        Check<float>(197, 75, 61, Product.AtB, accumulate: true, seed: 32);
        Check<double>(130, 50, 29, Product.AtB, accumulate: true, seed: 33);
    }

    [TestCase(784, 256, 128, false), TestCase(784, 256, 128, true), TestCase(197, 75, 61, true), TestCase(100, 61, 37, false)]
    public void Column_split_with_private_pack_gives_the_bits_of_the_row_split_and_of_one_thread(int m, int n, int k, bool accumulate)
    {
        var rng = new Random(m + n + k);
        Matrix<float> Random(int rows, int cols) => Matrix<float>.Build.Dense(rows, cols, (_, _) => (float)(rng.NextDouble() * 2 - 1));
        Matrix<float> a = Random(k, m), b = Random(k, n), start = Random(m, n);
        Matrix<float> Run(GemmPath path, bool privatePack)
        {
            using var _ = new GemmSettings(path: path, privatePackA: privatePack);
            var c = start.Clone();
            Gemm.TransposeThisAndMultiply(a, b, c, accumulate);
            return c;
        }
        var own = Run(GemmPath.PackedThreaded, privatePack: true);
        Assert.That(own.AsColumnMajorArray(), Is.EqualTo(Run(GemmPath.PackedThreaded, privatePack: false).AsColumnMajorArray()));
        Assert.That(own.AsColumnMajorArray(), Is.EqualTo(Run(GemmPath.Packed, privatePack: true).AsColumnMajorArray()));
    }
}
