using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Direct (unpacked) products for tiny shapes such as a 4-16-16-3 network on 16-row batches, where packing would
/// cost more than the arithmetic, and for aᵀ·b with few columns (an output layer's weight gradient), where packing
/// the wide A would not be repaid. Two forms cover the layer products on column-major storage:
/// column form (op(A) = A): C[:, j] = Σ_p op(B)[p, j] · A[:, p], four columns of C at a time in registers;
/// dot form (op(A) = Aᵀ, op(B) = B): C[i, j] = A[:, i] · B[:, j], both contiguous, a 2 × 4 block of dots at a time.
/// On AVX-512 both go to <see cref="GemmSmallWide"/> instead.
/// </summary>
internal static unsafe class GemmSmall
{
    /// <summary>
    /// Whether a product of <paramref name="work"/> multiply-adds, n columns and depth k runs here rather than packed:
    /// up to <paramref name="smallWork"/> multiply-adds, and on AVX-512 also up to 64 times that when n and k are at
    /// most 64 (the layers of small data sets such as wine's 13-64-32-3 on batches of 32 to a few hundred rows), where
    /// <see cref="GemmSmallWide"/>'s register tiles ran 1.2–5× faster than packing (measured on one thread; products
    /// with deeper or wider operands, such as M's and L's, stay packed). Depends on the shape only, never on threads.
    /// </summary>
    internal static bool Takes(long work, int n, int k, GemmIsa isa, long smallWork)
        => work <= smallWork || (isa == GemmIsa.Avx512 && n <= 64 && k <= 64 && work / 64 < smallWork);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, bool simd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (simd && !(a.Transposed && b.Transposed) && GemmEngine.EffectiveIsa<T>() == GemmIsa.Avx512 && GemmSmallWide.IsSupported<T>())
        {
            GemmSmallWide.Run(m, n, k, a, b, c, ldc, accumulate);
            return;
        }
        simd &= Vector.IsHardwareAccelerated;
        if (!a.Transposed) ColumnForm(m, n, k, a, b, c, ldc, accumulate, simd);
        else if (!b.Transposed) DotForm(m, n, k, a, b, c, ldc, accumulate, simd);
        else Naive(m, n, k, a, b, c, ldc, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnForm<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, bool simd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // op(B)[p, j] = bCol(j)[p · bStep]: a column of B, or a row of B when it is transposed.
        nint bStep = b.Transposed ? b.Ld : 1, bNext = b.Transposed ? 1 : b.Ld;
        int w = simd ? Vector<T>.Count : int.MaxValue;
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            T* b0 = b.Ptr + j * bNext, b1 = b0 + bNext, b2 = b1 + bNext, b3 = b2 + bNext;
            T* c0 = c + j * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
            int i = 0;
            for (; i + w <= m; i += w)
            {
                Vector<T> s0 = Vector<T>.Zero, s1 = Vector<T>.Zero, s2 = Vector<T>.Zero, s3 = Vector<T>.Zero;
                T* ap = a.Ptr + i;
                for (nint p = 0; p < k; p++, ap += a.Ld)
                {
                    Vector<T> av = Vector.Load(ap);
                    nint q = p * bStep;
                    s0 = Fma(av, new Vector<T>(b0[q]), s0);
                    s1 = Fma(av, new Vector<T>(b1[q]), s1);
                    s2 = Fma(av, new Vector<T>(b2[q]), s2);
                    s3 = Fma(av, new Vector<T>(b3[q]), s3);
                }
                StoreVector(c0 + i, s0, accumulate);
                StoreVector(c1 + i, s1, accumulate);
                StoreVector(c2 + i, s2, accumulate);
                StoreVector(c3 + i, s3, accumulate);
            }
            for (; i < m; i++)
            {
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                T* ap = a.Ptr + i;
                for (nint p = 0; p < k; p++, ap += a.Ld)
                {
                    nint q = p * bStep;
                    s0 += *ap * b0[q]; s1 += *ap * b1[q]; s2 += *ap * b2[q]; s3 += *ap * b3[q];
                }
                StoreScalar(c0 + i, s0, accumulate);
                StoreScalar(c1 + i, s1, accumulate);
                StoreScalar(c2 + i, s2, accumulate);
                StoreScalar(c3 + i, s3, accumulate);
            }
        }
        for (; j < n; j++)
        {
            T* bj = b.Ptr + j * bNext;
            T* cj = c + j * ldc;
            int i = 0;
            for (; i + w <= m; i += w)
            {
                Vector<T> s = Vector<T>.Zero;
                T* ap = a.Ptr + i;
                for (nint p = 0; p < k; p++, ap += a.Ld) s = Fma(Vector.Load(ap), new Vector<T>(bj[p * bStep]), s);
                StoreVector(cj + i, s, accumulate);
            }
            for (; i < m; i++)
            {
                T s = T.Zero;
                T* ap = a.Ptr + i;
                for (nint p = 0; p < k; p++, ap += a.Ld) s += *ap * bj[p * bStep];
                StoreScalar(cj + i, s, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotForm<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, bool simd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            T* b0 = b.Ptr + j * b.Ld, b1 = b0 + b.Ld, b2 = b1 + b.Ld, b3 = b2 + b.Ld;
            T* cj = c + j * ldc;
            int i = 0;
            for (; i + 2 <= m; i += 2)
            {
                T* a0 = a.Ptr + i * a.Ld, a1 = a0 + a.Ld;
                Dot2x4(k, a0, a1, b0, b1, b2, b3, simd, out T d00, out T d01, out T d02, out T d03, out T d10, out T d11, out T d12, out T d13);
                StoreScalar(cj + i, d00, accumulate); StoreScalar(cj + i + 1, d10, accumulate);
                StoreScalar(cj + ldc + i, d01, accumulate); StoreScalar(cj + ldc + i + 1, d11, accumulate);
                StoreScalar(cj + 2 * ldc + i, d02, accumulate); StoreScalar(cj + 2 * ldc + i + 1, d12, accumulate);
                StoreScalar(cj + 3 * ldc + i, d03, accumulate); StoreScalar(cj + 3 * ldc + i + 1, d13, accumulate);
            }
            for (; i < m; i++)
                for (int q = 0; q < 4; q++)
                    StoreScalar(cj + q * ldc + i, Dot(k, a.Ptr + i * a.Ld, b0 + q * b.Ld, simd), accumulate);
        }
        for (; j < n; j++)
            for (int i = 0; i < m; i++)
                StoreScalar(c + j * ldc + i, Dot(k, a.Ptr + i * a.Ld, b.Ptr + j * b.Ld, simd), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot2x4<T>(int k, T* a0, T* a1, T* b0, T* b1, T* b2, T* b3, bool simd,
        out T d00, out T d01, out T d02, out T d03, out T d10, out T d11, out T d12, out T d13)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        d00 = d01 = d02 = d03 = d10 = d11 = d12 = d13 = T.Zero;
        int p = 0;
        if (simd)
        {
            int w = Vector<T>.Count;
            Vector<T> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
            for (; p + w <= k; p += w)
            {
                Vector<T> x0 = Vector.Load(a0 + p), x1 = Vector.Load(a1 + p);
                Vector<T> y = Vector.Load(b0 + p); s00 = Fma(x0, y, s00); s10 = Fma(x1, y, s10);
                y = Vector.Load(b1 + p); s01 = Fma(x0, y, s01); s11 = Fma(x1, y, s11);
                y = Vector.Load(b2 + p); s02 = Fma(x0, y, s02); s12 = Fma(x1, y, s12);
                y = Vector.Load(b3 + p); s03 = Fma(x0, y, s03); s13 = Fma(x1, y, s13);
            }
            (d00, d01, d02, d03) = (Vector.Sum(s00), Vector.Sum(s01), Vector.Sum(s02), Vector.Sum(s03));
            (d10, d11, d12, d13) = (Vector.Sum(s10), Vector.Sum(s11), Vector.Sum(s12), Vector.Sum(s13));
        }
        for (; p < k; p++)
        {
            d00 += a0[p] * b0[p]; d01 += a0[p] * b1[p]; d02 += a0[p] * b2[p]; d03 += a0[p] * b3[p];
            d10 += a1[p] * b0[p]; d11 += a1[p] * b1[p]; d12 += a1[p] * b2[p]; d13 += a1[p] * b3[p];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Dot<T>(int k, T* x, T* y, bool simd) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int p = 0;
        if (simd)
        {
            Vector<T> s = Vector<T>.Zero;
            for (; p + Vector<T>.Count <= k; p += Vector<T>.Count) s = Fma(Vector.Load(x + p), Vector.Load(y + p), s);
            sum = Vector.Sum(s);
        }
        for (; p < k; p++) sum += x[p] * y[p];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Naive<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum += a[i, p] * b[p, j];
                StoreScalar(c + j * ldc + i, sum, accumulate);
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector<T>(T* c, Vector<T> value, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
        => (accumulate ? value + Vector.Load(c) : value).Store(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScalar<T>(T* c, T value, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
        => *c = accumulate ? *c + value : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma<T>(Vector<T> x, Vector<T> y, Vector<T> acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
        return x * y + acc;
    }
}
