using System.Numerics;

namespace NeuralNet.Core.Activations;

/// <summary>
/// An activation whose value and derivative at an element depend on that element alone (no per-unit parameter), so
/// it can run on any contiguous range of a column-major batch; the dense layer uses this to split long passes
/// across cores. The matrix methods of <see cref="IActivation{T}"/> are these over the whole batch.
/// </summary>
internal interface IElementwiseActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>output[i] = f(z[i]) for every i; <paramref name="output"/> is as long as <paramref name="z"/>.</summary>
    void Forward(ReadOnlySpan<T> z, Span<T> output);

    /// <summary>gradZ[i] = gradOutput[i]·f'(z[i]) for every i; all three are as long as <paramref name="z"/>.</summary>
    void Backward(ReadOnlySpan<T> z, ReadOnlySpan<T> gradOutput, Span<T> gradZ);
}
