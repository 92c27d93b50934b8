using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// Direct (unpacked) products for tiny shapes such as a 4-16-16-3 network on 16-row batches, where packing would
/// cost more than the arithmetic. Two forms cover the layer products on column-major storage:
/// column form (op(A) = A): C[:, j] = Σ_p op(B)[p, j] · A[:, p], accumulated in registers over p;
/// dot form (op(A) = Aᵀ, op(B) = B): C[i, j] = A[:, i] · B[:, j], both contiguous.
/// </summary>
internal static unsafe class GemmSmall
{
    public static void Run<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, bool simd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!a.Transposed) ColumnForm(m, n, k, a, b, c, ldc, accumulate, simd);
        else if (!b.Transposed) DotForm(m, n, k, a, b, c, ldc, accumulate, simd);
        else Naive(m, n, k, a, b, c, ldc, accumulate);
    }

    private static void ColumnForm<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, bool simd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        for (int j = 0; j < n; j++)
        {
            T* cj = c + j * ldc;
            int i = 0;
            if (simd && Vector.IsHardwareAccelerated)
            {
                for (; i + w <= m; i += w)
                {
                    Vector<T> acc = accumulate ? Vector.Load(cj + i) : Vector<T>.Zero;
                    T* ap = a.Ptr + i;
                    for (int p = 0; p < k; p++, ap += a.Ld)
                        acc = Fma(Vector.Load(ap), new Vector<T>(b[p, j]), acc);
                    acc.Store(cj + i);
                }
            }
            for (; i < m; i++)
            {
                T sum = accumulate ? cj[i] : T.Zero;
                T* ap = a.Ptr + i;
                for (int p = 0; p < k; p++, ap += a.Ld) sum += *ap * b[p, j];
                cj[i] = sum;
            }
        }
    }

    private static void DotForm<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate, bool simd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        bool vector = simd && Vector.IsHardwareAccelerated && k >= w;
        for (int j = 0; j < n; j++)
        {
            T* bj = b.Ptr + j * b.Ld;
            T* cj = c + j * ldc;
            for (int i = 0; i < m; i++)
            {
                T* ai = a.Ptr + i * a.Ld;
                T sum = T.Zero;
                int p = 0;
                if (vector)
                {
                    Vector<T> acc = Vector<T>.Zero;
                    for (; p + w <= k; p += w) acc = Fma(Vector.Load(ai + p), Vector.Load(bj + p), acc);
                    sum = Vector.Sum(acc);
                }
                for (; p < k; p++) sum += ai[p] * bj[p];
                cj[i] = accumulate ? cj[i] + sum : sum;
            }
        }
    }

    private static void Naive<T>(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum += a[i, p] * b[p, j];
                c[i + j * ldc] = accumulate ? c[i + j * ldc] + sum : sum;
            }
    }

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
