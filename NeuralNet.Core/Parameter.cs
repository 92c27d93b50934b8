using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core;

/// <summary>
/// A learnable tensor: its value, the gradient accumulated for it by backpropagation, and a stable name
/// ("layer0.weights", "layer1.alpha") that model files and optimizer state are keyed by.
/// </summary>
/// <remarks>
/// Values are stored column-major in one flat array so that optimizers can update any parameter as a span,
/// and <see cref="ValueMatrix"/>/<see cref="GradientMatrix"/> are MathNet views bound to the same arrays (no copies).
/// Gradients accumulate (<c>+=</c>); call <see cref="ZeroGradient"/> (or the optimizer's <c>ZeroGrad</c>) before each step.
/// </remarks>
/// <typeparam name="T">float (training) or double (gradient checks).</typeparam>
public sealed class Parameter<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Creates a zero-valued parameter of the given shape.</summary>
    /// <param name="name">Stable key, for example "layer0.weights".</param>
    /// <param name="rows">Rows of the value matrix (for a dense weight: the layer's inputs).</param>
    /// <param name="columns">Columns of the value matrix (for a dense weight: the layer's units).</param>
    /// <param name="applyWeightDecay">Whether optimizers apply weight decay to it (weights yes; bias and PReLU α no).</param>
    /// <exception cref="ArgumentOutOfRangeException">If a dimension is not positive.</exception>
    public Parameter(string name, int rows, int columns, bool applyWeightDecay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Name = name;
        Rows = rows;
        Columns = columns;
        ApplyWeightDecay = applyWeightDecay;
        Value = new T[rows * columns];
        Gradient = new T[rows * columns];
        ValueMatrix = Matrix<T>.Build.Dense(rows, columns, Value);
        GradientMatrix = Matrix<T>.Build.Dense(rows, columns, Gradient);
    }

    /// <summary>Stable key used by model files and optimizer state.</summary>
    public string Name { get; }

    /// <summary>Rows of the value matrix.</summary>
    public int Rows { get; }

    /// <summary>Columns of the value matrix.</summary>
    public int Columns { get; }

    /// <summary>Number of scalars (rows × columns).</summary>
    public int Length => Value.Length;

    /// <summary>Whether optimizers apply weight decay to this parameter.</summary>
    public bool ApplyWeightDecay { get; }

    /// <summary>The values, column-major.</summary>
    public T[] Value { get; }

    /// <summary>The accumulated gradient dL/dValue, column-major, same layout as <see cref="Value"/>.</summary>
    public T[] Gradient { get; }

    /// <summary>A MathNet view of <see cref="Value"/> (shares storage).</summary>
    public Matrix<T> ValueMatrix { get; }

    /// <summary>A MathNet view of <see cref="Gradient"/> (shares storage).</summary>
    public Matrix<T> GradientMatrix { get; }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGradient() => Array.Clear(Gradient);

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{Rows}×{Columns}]";
}
