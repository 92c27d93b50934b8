using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Kernels;

/// <summary>
/// A column-major matrix seen through an optional transpose: element (r, c) of op(M) is
/// <c>Ptr[r + c·Ld]</c> when not transposed and <c>Ptr[c + r·Ld]</c> when transposed (Ld = leading dimension,
/// the stored row count). Sub-blocks are views with a moved pointer, so the driver never copies to slice.
/// </summary>
internal readonly unsafe struct GemmOperand<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly T* Ptr;
    public readonly nint Ld;
    public readonly bool Transposed;

    public GemmOperand(T* ptr, nint ld, bool transposed)
    {
        Ptr = ptr;
        Ld = ld;
        Transposed = transposed;
    }

    /// <summary>Element (row, col) of op(M).</summary>
    public T this[nint row, nint col]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Transposed ? Ptr[col + row * Ld] : Ptr[row + col * Ld];
    }

    /// <summary>The view starting at (row, col) of op(M).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public GemmOperand<T> Offset(nint row, nint col)
        => new(Transposed ? Ptr + col + row * Ld : Ptr + row + col * Ld, Ld, Transposed);
}
