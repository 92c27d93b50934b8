using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// The fast multiply against a naive triple loop in double, on every product the layers use, every instruction
/// set and route, and shapes chosen to hit edges: 1×1, vectors, K = 1, sizes off the vector width and the tile sizes,
/// and sizes past the cache blocks.
/// </summary>
[TestFixture]
public sealed class GemmTests
{
    public enum Product { AB, AtB, ABt }

    // (m, n, k) of the product op(A)·op(B).
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 17, 9), (23, 1, 9), (7, 5, 1), (1, 1, 40), (3, 4, 2),
        (16, 16, 16), (33, 13, 31), (37, 29, 53), (64, 48, 17), (65, 25, 70), (97, 51, 129),
    ];

    // Blocks far smaller than the defaults, so the medium shapes cross every MC, KC and NC boundary.
    private static readonly GemmBlockSizes TinyBlocks = new(MC: 40, KC: 24, NC: 30);

    private static IEnumerable<TestCaseData> Cases()
    {
        // By name: the enum is internal and NUnit test methods are public.
        foreach (var isa in new[] { nameof(GemmIsa.Auto), nameof(GemmIsa.Avx256), nameof(GemmIsa.Scalar) })
            foreach (var path in new[] { GemmPath.Direct, GemmPath.Packed, GemmPath.PackedThreaded })
                foreach (var product in Enum.GetValues<Product>())
                    foreach (bool accumulate in new[] { false, true })
                        yield return new TestCaseData(isa, path, product, accumulate);
    }

    [TestCaseSource(nameof(Cases))]
    public void Float_matches_naive_product(string isa, GemmPath path, Product product, bool accumulate)
    {
        using var _ = new GemmSettings(Enum.Parse<GemmIsa>(isa), path);
        foreach (var (m, n, k) in Shapes) Check<float>(m, n, k, product, accumulate, seed: m * 1000 + n * 10 + k);
    }

    [TestCaseSource(nameof(Cases))]
    public void Double_matches_naive_product(string isa, GemmPath path, Product product, bool accumulate)
    {
        using var _ = new GemmSettings(Enum.Parse<GemmIsa>(isa), path);
        foreach (var (m, n, k) in Shapes) Check<double>(m, n, k, product, accumulate, seed: m * 1000 + n * 10 + k);
    }

    [TestCaseSource(nameof(Cases))]
    public void Crossing_every_cache_block_matches_naive_product(string isa, GemmPath path, Product product, bool accumulate)
    {
        using var _ = new GemmSettings(Enum.Parse<GemmIsa>(isa), path, TinyBlocks);
        Check<float>(101, 77, 61, product, accumulate, seed: 5);
        Check<double>(83, 95, 50, product, accumulate, seed: 6);
    }

    [TestCase(Product.AB), TestCase(Product.AtB), TestCase(Product.ABt)]
    public void Layer_sized_products_at_default_settings_match_naive_product(Product product)
    {
        // Past the default KC (384 floats) and big enough for the threaded path: an L-layer slice.
        Check<float>(256, 100, 1000, product, accumulate: true, seed: 7);
        Check<double>(130, 260, 300, product, accumulate: false, seed: 8);
    }

    [Test]
    public void Direct_route_takes_small_data_set_layers_on_avx512_and_leaves_m_and_l_packed()
    {
        long small = GemmEngine.SmallWork;
        bool Takes(int m, int n, int k, GemmIsa isa = GemmIsa.Avx512) => GemmSmall.Takes((long)m * n * k, n, k, isa, small);
        Assert.That(Takes(16, 16, 16, GemmIsa.Scalar), Is.True, "S: within SmallWork on any instruction set");
        Assert.That(Takes(142, 32, 64) && Takes(32, 64, 13) && Takes(13, 64, 32), Is.True, "wine's layers on AVX-512");
        Assert.That(Takes(142, 32, 64, GemmIsa.Avx256), Is.False, "only the AVX-512 route is measured faster");
        Assert.That(Takes(128, 10, 128) || Takes(128, 128, 10) || Takes(256, 10, 1024) || Takes(256, 1024, 10), Is.False, "M and L");
        Assert.That(GemmSmall.Takes(32 * 64 * 13, 64, 13, GemmIsa.Avx512, smallWork: 0), Is.False, "SmallWork 0 forces the packed route");
    }

    [Test]
    public void Forced_isa_is_never_wider_than_the_cpu_offers()
    {
        using (new GemmSettings(GemmIsa.Scalar)) Assert.That(GemmEngine.EffectiveIsa<float>(), Is.EqualTo(GemmIsa.Scalar));
        using (new GemmSettings(GemmIsa.Avx256))
            Assert.That(GemmEngine.EffectiveIsa<double>(), Is.AnyOf(GemmIsa.Avx256, GemmIsa.Scalar));
    }

    [Test]
    public void Zero_depth_product_clears_or_keeps_the_result()
    {
        var a = Matrix<float>.Build.Dense(3, 0);
        var b = Matrix<float>.Build.Dense(0, 2);
        var c = Matrix<float>.Build.Dense(3, 2, 5f);
        Gemm.Multiply(a, b, c, accumulate: true);
        Assert.That(c.Enumerate().All(v => v == 5f), Is.True);
        Gemm.Multiply(a, b, c);
        Assert.That(c.Enumerate().All(v => v == 0f), Is.True);
    }

    [Test]
    public void Mismatched_shapes_are_refused_with_both_shapes_in_the_message()
    {
        var a = Matrix<float>.Build.Dense(3, 4);
        var b = Matrix<float>.Build.Dense(5, 2);
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, b, Matrix<float>.Build.Dense(3, 2)));
        Assert.That(ex!.Message, Does.Contain("3×4").And.Contain("5×2"));
        Assert.Throws<ArgumentException>(() => Gemm.TransposeThisAndMultiply(a, a, Matrix<float>.Build.Dense(4, 3)));
        Assert.Throws<ArgumentException>(() => Gemm.TransposeAndMultiply(a, b, Matrix<float>.Build.Dense(3, 5)));
    }

    [Test]
    public void Result_aliasing_an_operand_is_refused()
    {
        var a = Matrix<float>.Build.Dense(4, 4);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, Matrix<float>.Build.Dense(4, 4), a));
    }

    /// <summary>Runs one product and compares every element with a double-precision naive loop.</summary>
    internal static void Check<T>(int m, int n, int k, Product product, bool accumulate, int seed)
        where T : struct, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        Matrix<T> Random(int rows, int cols)
            => Matrix<T>.Build.Dense(rows, cols, (_, _) => T.CreateChecked(rng.NextDouble() * 2 - 1));
        var a = product == Product.AtB ? Random(k, m) : Random(m, k);
        var b = product == Product.ABt ? Random(n, k) : Random(k, n);
        var c = Random(m, n);
        var before = c.Clone();
        switch (product)
        {
            case Product.AB: Gemm.Multiply(a, b, c, accumulate); break;
            case Product.AtB: Gemm.TransposeThisAndMultiply(a, b, c, accumulate); break;
            default: Gemm.TransposeAndMultiply(a, b, c, accumulate); break;
        }
        double A(int i, int p) => double.CreateChecked(product == Product.AtB ? a[p, i] : a[i, p]);
        double B(int p, int j) => double.CreateChecked(product == Product.ABt ? b[j, p] : b[p, j]);

        // Error bound of a k-term sum (Higham): |error| ≤ γ_k Σ|a||b| with γ_k ≈ k·ε; we allow twice that, plus
        // one rounding of the accumulated value. ε is the unit roundoff of T.
        double eps = UnitRoundoff<T>();
        double worstRatio = -1, worstExpected = 0, worstActual = 0, worstTol = 0;
        int worstI = 0, worstJ = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? double.CreateChecked(before[i, j]) : 0, magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    sum += A(i, p) * B(p, j);
                    magnitude += Math.Abs(A(i, p) * B(p, j));
                }
                double tol = 2 * (k + 1) * eps * magnitude + double.Epsilon;
                double actual = double.CreateChecked(c[i, j]);
                double ratio = Math.Abs(actual - sum) / tol;
                if (!(ratio <= worstRatio))
                    (worstRatio, worstExpected, worstActual, worstTol, worstI, worstJ) = (ratio, sum, actual, tol, i, j);
            }
        Assert.That(worstActual, Is.EqualTo(worstExpected).Within(worstTol),
            $"{typeof(T).Name} {product} {m}×{n}×{k} accumulate={accumulate}: worst element C[{worstI},{worstJ}]");
    }

    // 2⁻²⁴ for float, 2⁻⁵³ for double: the gap just below 1.
    private static double UnitRoundoff<T>() where T : struct, IFloatingPointIeee754<T>
        => double.CreateChecked(T.One - T.BitDecrement(T.One));
}
