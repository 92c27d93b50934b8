using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Data;

/// <summary>Rows of a CSV file turned into network inputs (and targets, when the target column is there).</summary>
/// <param name="Features">Rows × encoded inputs.</param>
/// <param name="Targets">Rows × outputs, or null when the file has no target column.</param>
/// <param name="SourceRows">For each encoded row, the index of its row in the CSV table.</param>
/// <param name="DroppedRows">Rows left out because of missing values (--missing drop).</param>
/// <param name="Warnings">Things worth telling the user, such as categories the model has not seen.</param>
public sealed record EncodedData(Matrix<double> Features, Matrix<double>? Targets, IReadOnlyList<int> SourceRows, int DroppedRows, IReadOnlyList<string> Warnings)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Features.RowCount;
}
