using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// The AVX-512 16 × 16 transpose behind the transposing packs and the batch gather: every value must land where the
/// element-by-element definition puts it, for runs a leading dimension apart and for runs anywhere, whatever the
/// length (whole blocks and a tail), and a transposing pack must be the same copy with it as without.
/// </summary>
public unsafe class TransposeSixteenTests
{
    [SetUp]
    public void RequireAvx512() => Assume.That(TransposeSixteen.IsSupported, "needs AVX-512F");

    [TestCase(0), TestCase(1), TestCase(15), TestCase(16), TestCase(17), TestCase(33), TestCase(130)]
    public void Strided_runs_are_written_across(int length)
    {
        int ld = length + 3, stride = 21;
        float[] src = Values(16 * ld), dst = new float[Math.Max(1, length) * stride];
        fixed (float* s = src, d = dst)
            TransposeSixteen.Run(s, ld, length, d, stride);
        for (int p = 0; p < length; p++)
            for (int c = 0; c < 16; c++)
                Assert.That(dst[p * stride + c], Is.EqualTo(src[c * ld + p]), $"p {p}, run {c}");
        Assert.That(Enumerable.Range(0, length).SelectMany(p => Enumerable.Range(16, stride - 16).Select(c => dst[p * stride + c])),
            Is.All.EqualTo(0f), "nothing is written past the sixteenth value of a row");
    }

    [TestCase(16), TestCase(64), TestCase(70)]
    public void Runs_anywhere_are_written_across(int length)
    {
        int columns = length + 5, stride = 16;
        float[] src = Values(40 * columns), dst = new float[length * stride];
        int[] rows = [39, 2, 17, 0, 25, 8, 31, 12, 5, 36, 21, 1, 30, 9, 14, 27];
        fixed (float* s = src, d = dst)
        {
            float** runs = stackalloc float*[16];
            for (int c = 0; c < 16; c++) runs[c] = s + rows[c] * columns + 3;
            TransposeSixteen.Run(runs, length, d, stride);
        }
        for (int p = 0; p < length; p++)
            for (int c = 0; c < 16; c++)
                Assert.That(dst[p * stride + c], Is.EqualTo(src[rows[c] * columns + 3 + p]), $"p {p}, run {c}");
    }

    /// <summary>A transposed A packed into strips of 32 rows: the strip's runs go 16, then 8, then 4, then one at a time.</summary>
    [TestCase(5, 37), TestCase(16, 20), TestCase(31, 16), TestCase(32, 128), TestCase(45, 9)]
    public void Transposing_pack_holds_the_definition(int rows, int depth)
    {
        const int mr = 32;
        int ld = depth + 7, strips = (rows + mr - 1) / mr;
        float[] src = Values(rows * ld), packed = new float[strips * mr * depth];
        fixed (float* s = src, d = packed)
        {
            var a = new GemmOperand<float>(s, ld, transposed: true); // op(A) = Aᵀ: row r of op(A) is column r of A
            for (int row = 0; row < rows; row += mr)
                GemmPacking.PackA(a.Offset(row, 0), Math.Min(mr, rows - row), depth, mr, d + row * depth);
        }
        for (int r = 0; r < strips * mr; r++)
            for (int p = 0; p < depth; p++)
            {
                float expected = r < rows ? src[r * ld + p] : 0f;
                Assert.That(packed[r / mr * mr * depth + p * mr + r % mr], Is.EqualTo(expected), $"row {r}, depth {p}");
            }
    }

    private static float[] Values(int count) => Enumerable.Range(0, count).Select(i => i * 0.5f + 1).ToArray();
}
