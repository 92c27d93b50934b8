namespace NeuralNet.Core.Data;

/// <summary>
/// The columns of one parallel read in which some chunk has met more distinct numbers than
/// <see cref="NumericColumn.MaxSpellings"/>. The whole column then has too many to keep their spellings, so builders of
/// later chunks keep none from their first row, instead of collecting that many strings again before giving up. The
/// table read is the same: a part without spellings leaves its column without them, as the union would.
/// Shared by the chunks' threads.
/// </summary>
internal sealed class ManyDistinctColumns(int columns)
{
    private readonly int[] _marked = new int[columns];

    /// <summary>Whether some chunk has met too many distinct numbers in <paramref name="column"/>.</summary>
    public bool Has(int column) => Volatile.Read(ref _marked[column]) != 0;

    /// <summary>Records that a chunk has met too many distinct numbers in <paramref name="column"/>.</summary>
    public void Mark(int column) => Volatile.Write(ref _marked[column], 1);
}
