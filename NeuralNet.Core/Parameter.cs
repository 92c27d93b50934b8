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
    private readonly T[] _gradient;
    private readonly Matrix<T> _gradientMatrix;
    private bool _zeroPending = true; // a new gradient is zero, and a first overwrite need not add to it

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
        _gradient = new T[rows * columns];
        ValueMatrix = Matrix<T>.Build.Dense(rows, columns, Value);
        _gradientMatrix = Matrix<T>.Build.Dense(rows, columns, _gradient);
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
    public T[] Gradient
    {
        get
        {
            ApplyPendingZero();
            return _gradient;
        }
    }

    /// <summary>A MathNet view of <see cref="Value"/> (shares storage).</summary>
    public Matrix<T> ValueMatrix { get; }

    /// <summary>A MathNet view of <see cref="Gradient"/> (shares storage).</summary>
    public Matrix<T> GradientMatrix
    {
        get
        {
            ApplyPendingZero();
            return _gradientMatrix;
        }
    }

    /// <summary>Sets the gradient to zero.</summary>
    /// <remarks>
    /// Lazily: the array is cleared when the gradient is next read, unless a layer overwrites it whole first (see
    /// <see cref="GradientForOverwrite"/>), which saves a pass over every weight per step.
    /// </remarks>
    public void ZeroGradient() => _zeroPending = true;

    /// <summary>
    /// For a writer about to store a value into every element (a weight-gradient product): the gradient matrix, and
    /// whether it is zero, in which case the writer must overwrite it rather than add to it.
    /// </summary>
    internal Matrix<T> GradientForOverwrite(out bool isZero)
    {
        isZero = _zeroPending;
        _zeroPending = false;
        return _gradientMatrix;
    }

    private void ApplyPendingZero()
    {
        if (!_zeroPending) return;
        Array.Clear(_gradient);
        _zeroPending = false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{Rows}×{Columns}]";
}
