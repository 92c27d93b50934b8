using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Models;

/// <summary>
/// A model whose weights overflow (say 1e39 in a float model) turns finite inputs into NaN or ∞ outputs; such a
/// prediction is an error naming the row, never a NaN probability beside a confident class.
/// </summary>
public static class PredictionGuard
{
    /// <summary>Throws on the first row of <paramref name="predictions"/> with a non-finite value.</summary>
    /// <param name="predictions">Rows × outputs, as the network produced them.</param>
    /// <param name="modelPath">The model file, for the message.</param>
    /// <param name="where">The location ("file:line") of an encoded row.</param>
    /// <exception cref="ModelFileException">If a value is NaN or infinite.</exception>
    public static void EnsureFinite(Matrix<double> predictions, string modelPath, Func<int, string> where)
    {
        for (int i = 0; i < predictions.RowCount; i++)
            for (int c = 0; c < predictions.ColumnCount; c++)
                if (!double.IsFinite(predictions[i, c]))
                    throw new ModelFileException(
                        $"{where(i)}: the model {modelPath} gives {(double.IsNaN(predictions[i, c]) ? "NaN" : "an infinite value")} for this row; its weights overflow (retrain, or use a double-precision model)", modelPath);
    }
}
