using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Core.Activations;

/// <summary>
/// An element-wise activation a = f(z) applied to a batch of pre-activations (rows = samples, columns = units).
/// Forward and backward sit side by side in each implementation; backward works from the cached
/// pre-activation z (not the output), which is what LeakyReLU and PReLU need for any slope.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IActivation<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>The registry name ("relu", "leaky-relu", "prelu", ...), also used by the CLI and model files.</summary>
    string Name { get; }

    /// <summary>Number of units the activation was built for.</summary>
    int Units { get; }

    /// <summary>
    /// Whether "pre-activation ≤ 0 on every row" is a meaningful failure for this activation: true for the
    /// rectifier family (ReLU, LeakyReLU, PReLU), false for smooth ones (sigmoid, tanh, identity).
    /// </summary>
    bool IsRectifier { get; }

    /// <summary>Learnable parameters (PReLU's α); empty for fixed activations.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>output = f(z), element-wise. <paramref name="output"/> may be the same matrix as <paramref name="z"/> only if backward is not needed.</summary>
    void Forward(Matrix<T> z, Matrix<T> output);

    /// <summary>
    /// gradZ = gradOutput ⊙ f'(z), and accumulates the gradient of any learnable parameter.
    /// </summary>
    /// <param name="z">The pre-activation cached by the forward pass.</param>
    /// <param name="gradOutput">dL/da.</param>
    /// <param name="gradZ">Receives dL/dz; may be the same matrix as <paramref name="gradOutput"/>.</param>
    void Backward(Matrix<T> z, Matrix<T> gradOutput, Matrix<T> gradZ);

    /// <summary>
    /// For a unit whose pre-activation is ≤ 0 on every row: true if it then also receives zero gradient
    /// (a <em>dead</em> unit: ReLU, or PReLU with |α| below <see cref="PRelu{T}.DeadSlopeThreshold"/>),
    /// false if it still passes gradient (an <em>inactive</em> unit: LeakyReLU, PReLU).
    /// </summary>
    bool BlocksGradientWhenNegative(int unit);

    /// <summary>The slope used on the negative side, for the He initializer's gain (0 for ReLU, α for the leaky ones; null when not a rectifier).</summary>
    double? NegativeSlope { get; }
}
