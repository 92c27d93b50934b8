using System.Collections;

namespace NeuralNet.Core.Data;

/// <summary>The rows 0 to <c>count − 1</c> as a list, without an array of them (fresh memory costs its page faults).</summary>
internal sealed class RowRange(int count) : IReadOnlyList<int>
{
    /// <inheritdoc/>
    public int Count => count;

    /// <inheritdoc/>
    public int this[int index] => (uint)index < (uint)count ? index : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < count; i++) yield return i;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
