using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Data;

/// <summary>
/// Rows of a CSV file turned into network inputs (and targets, when the target column is there), stored in the
/// precision the network trains in (float32 unless --precision double), column-major, so the trainer takes them
/// without a copy.
/// </summary>
public sealed class EncodedData
{
    private readonly object _features; // Matrix<float> or Matrix<double>
    private readonly object? _targets;

    internal EncodedData(object? features, object? targets, IReadOnlyList<int> sourceRows, int droppedRows, IReadOnlyList<UnseenCategories> unseen)
    {
        (_features, _targets, SourceRows, DroppedRows, Unseen) = (features ?? Matrix<double>.Build.Dense(1, 1), targets, sourceRows, droppedRows, unseen);
        Rows = features is null ? 0 : features is Matrix<float> f ? f.RowCount : ((Matrix<double>)features).RowCount;
        Inputs = features is null ? 0 : features is Matrix<float> g ? g.ColumnCount : ((Matrix<double>)features).ColumnCount;
    }

    /// <summary>No rows kept: all <paramref name="dropped"/> were left out (a chunk of a file read in chunks).</summary>
    internal static EncodedData Empty(int dropped) => new(null, null, [], dropped, []);

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Encoded inputs per row.</summary>
    public int Inputs { get; }

    /// <summary>Whether the values are stored as float32.</summary>
    public bool IsSingle => _features is Matrix<float>;

    /// <summary>Whether the file had the target column (so there are targets).</summary>
    public bool HasTargets => _targets is not null;

    /// <summary>Rows × encoded inputs as float64 (a copy when stored as float32).</summary>
    public Matrix<double> Features => FeaturesAs<double>();

    /// <summary>Rows × outputs as float64 (a copy when stored as float32), or null when the file has no target column.</summary>
    public Matrix<double>? Targets => TargetsAs<double>();

    /// <summary>For each encoded row, the index of its row in the CSV table.</summary>
    public IReadOnlyList<int> SourceRows { get; }

    /// <summary>Rows left out because of missing values (--missing drop).</summary>
    public int DroppedRows { get; }

    /// <summary>Things worth telling the user, such as categories the model has not seen.</summary>
    public IReadOnlyList<string> Warnings => Unseen.Select(u => u.Warning).ToList();

    /// <summary>Per categorical column, the values the model never saw, in the order a row-by-row reading meets them.</summary>
    internal IReadOnlyList<UnseenCategories> Unseen { get; }

    /// <summary>The features in precision <typeparamref name="T"/>: the stored matrix itself when it is of that precision, else a converted copy.</summary>
    public Matrix<T> FeaturesAs<T>() where T : struct, IFloatingPointIeee754<T> => As<T>(_features);

    /// <summary>The targets in precision <typeparamref name="T"/> (see <see cref="FeaturesAs{T}"/>), or null.</summary>
    public Matrix<T>? TargetsAs<T>() where T : struct, IFloatingPointIeee754<T> => _targets is null ? null : As<T>(_targets);

    private static Matrix<T> As<T>(object stored) where T : struct, IFloatingPointIeee754<T>
        => stored switch
        {
            Matrix<T> same => same,
            Matrix<float> single => Convert<float, T>(single),
            Matrix<double> wide => Convert<double, T>(wide),
            _ => throw new InvalidOperationException("unexpected storage"),
        };

    /// <summary>A copy of <paramref name="m"/> in another precision, through its column-major array (no per-element indexer).</summary>
    internal static Matrix<TTo> Convert<TFrom, TTo>(Matrix<TFrom> m)
        where TFrom : struct, IFloatingPointIeee754<TFrom> where TTo : struct, IFloatingPointIeee754<TTo>
    {
        TFrom[] source = m.AsColumnMajorArray() ?? m.ToColumnMajorArray();
        var destination = LargeArrays.Uninitialized<TTo>(source.Length);
        for (int i = 0; i < source.Length; i++) destination[i] = TTo.CreateChecked(source[i]);
        return Matrix<TTo>.Build.Dense(m.RowCount, m.ColumnCount, destination);
    }
}

/// <summary>Values of a categorical column that the model never saw: how many, the first, and where it is.</summary>
internal sealed record UnseenCategories(string Column, int Count, string Example, string Where)
{
    /// <summary>The warning for the user.</summary>
    public string Warning => $"column '{Column}' has {Count} value(s) the model never saw in training (first '{Example}' at {Where}); they encode as no category";

    /// <summary>Adds up the finds of the chunks of one file, keeping the first example of each column.</summary>
    public static List<UnseenCategories> Merge(IEnumerable<UnseenCategories> finds)
    {
        var merged = new List<UnseenCategories>();
        foreach (var f in finds)
        {
            int i = merged.FindIndex(m => m.Column == f.Column);
            if (i < 0) merged.Add(f);
            else merged[i] = merged[i] with { Count = merged[i].Count + f.Count };
        }
        return merged;
    }
}
