namespace NeuralNet.Core.Data;

/// <summary>What to do with a missing value (an empty field, or NA, N/A, NaN, null, ?).</summary>
public enum MissingPolicy
{
    /// <summary>Stop with an error naming the file, line and column (the default).</summary>
    Error,

    /// <summary>Leave out every row with a missing value in a column that is used.</summary>
    Drop,

    /// <summary>Replace a missing number with the training mean (a missing category encodes as no category). Rows with a missing target are left out.</summary>
    Mean,
}
