using NeuralNet.Core.Kernels;
using static NeuralNet.Tests.Kernels.GemmTests;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// An untransposed B is read in place by default (<see cref="GemmEngine.ReadBInPlace"/>), so the other tests cover
/// that route; the packed-B route is checked here with it off, including partial strips and every cache block.
/// With <see cref="GemmEngine.ReadAInPlace"/> on, the packed driver reads an untransposed A in place when a block is whole MR-row strips (row counts that are
/// multiples of 64 are whole strips for every kernel and element type), and splits K and M into even blocks.
/// These shapes take those routes; each product must still equal the naive loop within float rounding.
/// </summary>
public class GemmInPlaceTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var isa in new[] { nameof(GemmIsa.Auto), nameof(GemmIsa.Avx256), nameof(GemmIsa.Scalar) })
            foreach (var path in new[] { GemmPath.Packed, GemmPath.PackedThreaded })
                foreach (var product in new[] { Product.AB, Product.ABt })
                    yield return new TestCaseData(isa, path, product);
    }

    [TestCaseSource(nameof(Cases))]
    public void Whole_strip_rows_read_in_place_match_naive_product(string isa, GemmPath path, Product product)
    {
        using var _ = new GemmSettings(Enum.Parse<GemmIsa>(isa), path, readAInPlace: true);
        Check<float>(64, 37, 29, product, accumulate: false, seed: 11);
        Check<float>(128, 13, 50, product, accumulate: true, seed: 12);
        Check<double>(64, 25, 33, product, accumulate: true, seed: 13);
    }

    [TestCaseSource(nameof(Cases))]
    public void In_place_blocks_crossing_every_cache_block_match_naive_product(string isa, GemmPath path, Product product)
    {
        // MC 40 rounds to whole strips; KC 24 splits k = 61 evenly (21 + 20 + 20); the last M block is partial.
        using var _ = new GemmSettings(Enum.Parse<GemmIsa>(isa), path, new GemmBlockSizes(MC: 40, KC: 24, NC: 30), readAInPlace: true);
        Check<float>(192, 45, 61, product, accumulate: true, seed: 14);
        Check<float>(100, 45, 61, product, accumulate: false, seed: 15);
        Check<double>(128, 31, 49, product, accumulate: false, seed: 16);
    }

    private static IEnumerable<TestCaseData> PackedBCases()
    {
        foreach (var isa in new[] { nameof(GemmIsa.Auto), nameof(GemmIsa.Avx256), nameof(GemmIsa.Scalar) })
            foreach (var path in new[] { GemmPath.Packed, GemmPath.PackedThreaded })
                foreach (var product in new[] { Product.AB, Product.AtB })
                    yield return new TestCaseData(isa, path, product);
    }

    [TestCaseSource(nameof(PackedBCases))]
    public void Untransposed_b_packed_instead_of_read_in_place_matches_naive_product(string isa, GemmPath path, Product product)
    {
        using (new GemmSettings(Enum.Parse<GemmIsa>(isa), path, readBInPlace: false))
        {
            Check<float>(37, 29, 53, product, accumulate: false, seed: 21);
            Check<double>(64, 25, 33, product, accumulate: true, seed: 22);
        }
        using (new GemmSettings(Enum.Parse<GemmIsa>(isa), path, new GemmBlockSizes(MC: 40, KC: 24, NC: 30), readBInPlace: false))
            Check<float>(101, 77, 61, product, accumulate: true, seed: 23);
    }

    [TestCase(Product.AB), TestCase(Product.AtB), TestCase(Product.ABt)]
    public void M_layer_shapes_at_default_settings_match_naive_product(Product product)
    {
        // k = 784 runs as two even slices of 392 at the default KC, with A packed (the default) and read in place.
        Check<float>(128, 256, 784, product, accumulate: product == Product.AtB, seed: 17);
        using var _ = new GemmSettings(readAInPlace: true);
        Check<float>(128, 256, 784, product, accumulate: product == Product.AtB, seed: 17);
    }
}
