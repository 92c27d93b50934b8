using System.Numerics;

namespace NeuralNet.Core.Training.Optimizers;

/// <summary>Gradient-norm clipping over a list of parameters (PyTorch's clip_grad_norm_).</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by maxNorm / ‖g‖ when the global L2 norm ‖g‖ over all parameters exceeds
    /// <paramref name="maxNorm"/>. Returns the norm before clipping.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If maxNorm is not finite and &gt; 0.</exception>
    public static double ClipByGlobalNorm<T>(IReadOnlyList<Parameter<T>> parameters, double maxNorm) where T : struct, IFloatingPointIeee754<T>
    {
        if (!double.IsFinite(maxNorm) || maxNorm <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "Expected a finite maximum norm > 0.");
        double sumSquares = 0;
        foreach (var p in parameters)
            foreach (T g in p.Gradient)
            {
                double d = double.CreateChecked(g);
                sumSquares += d * d;
            }
        double norm = Math.Sqrt(sumSquares);
        if (norm > maxNorm)
        {
            T scale = T.CreateChecked(maxNorm / (norm + 1e-6));
            foreach (var p in parameters)
            {
                Span<T> g = p.Gradient;
                for (int i = 0; i < g.Length; i++) g[i] *= scale;
            }
        }
        return norm;
    }
}
