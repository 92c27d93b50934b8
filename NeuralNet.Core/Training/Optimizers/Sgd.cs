using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuralNet.Core.Training.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum and Nesterov momentum, as PyTorch's SGD (dampening 0):
/// g ← ∇ + λ·w (L2 weight decay); v ← μ·v + g; step = g + μ·v (Nesterov) or v; w ← w − η·step.
/// With μ = 0 this is plain SGD, and the velocity state is left at zero (it is never read).
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, T[]> _state = new();
    private readonly T[][] _velocity;

    /// <summary>Creates SGD.</summary>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="momentum">μ in [0, 1); default 0.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs μ &gt; 0).</param>
    /// <param name="weightDecay">λ ≥ 0 (L2, added to the gradient); default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">If a value is out of range.</exception>
    /// <exception cref="ArgumentException">If Nesterov is asked for without momentum.</exception>
    public Sgd(IReadOnlyList<Parameter<T>> parameters, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : base(parameters, learningRate, weightDecay)
    {
        if (!(momentum >= 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Invalid momentum: expected 0 ≤ μ < 1.");
        if (nesterov && momentum == 0)
            throw new ArgumentException("Nesterov momentum requires a momentum > 0.", nameof(nesterov));
        Momentum = momentum;
        Nesterov = nesterov;
        _velocity = CreateBuffers("velocity", _state);
    }

    /// <inheritdoc />
    public override string Name => Nesterov ? "nesterov" : Momentum > 0 ? "momentum" : "sgd";

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, T[]> State => _state;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Update(int index, Parameter<T> parameter, T[] gradient, int start, int end)
    {
        int length = end - start;
        Span<T> w = parameter.Value.AsSpan(start, length);
        ReadOnlySpan<T> grad = gradient.AsSpan(start, length);
        Span<T> v = _velocity[index].AsSpan(start, length);
        T lr = T.CreateChecked(LearningRate), mu = T.CreateChecked(Momentum);
        T decay = parameter.ApplyWeightDecay ? T.CreateChecked(WeightDecay) : T.Zero;
        if (Momentum == 0)
        {
            PlainStep(w, grad, lr, decay);
            return;
        }
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Same operations in the same order as the scalar loop below, so both give identical bits.
            Vector<T> lrs = new(lr), mus = new(mu), decays = new(decay);
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T g0 = ref MemoryMarshal.GetReference(grad);
            ref T v0 = ref MemoryMarshal.GetReference(v);
            for (; i + Vector<T>.Count <= w.Length; i += Vector<T>.Count)
            {
                nuint at = (nuint)i;
                var wv = Vector.LoadUnsafe(ref w0, at);
                var g = Vector.LoadUnsafe(ref g0, at) + decays * wv;
                var vv = mus * Vector.LoadUnsafe(ref v0, at) + g;
                vv.StoreUnsafe(ref v0, at);
                var step = Nesterov ? g + mus * vv : vv;
                (wv - lrs * step).StoreUnsafe(ref w0, at);
            }
        }
        for (; i < w.Length; i++)
        {
            T g = grad[i] + decay * w[i];
            v[i] = mu * v[i] + g;
            T step = Nesterov ? g + mu * v[i] : v[i];
            w[i] -= lr * step;
        }
    }

    /// <summary>
    /// μ = 0: w ← w − η·(∇ + λ·w), without touching the velocity (which would only ever equal the gradient), so the
    /// pass streams two arrays instead of three. Gives the same bits as the general loop with μ = 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PlainStep(Span<T> w, ReadOnlySpan<T> grad, T lr, T decay)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && grad.Length >= w.Length)
        {
            // Loads and stores by offset from the spans' first elements (lengths checked once): slicing a span per
            // vector costs more than the arithmetic, and this pass is an L step's largest outside the products.
            Vector<T> lrs = new(lr), decays = new(decay);
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T g0 = ref MemoryMarshal.GetReference(grad);
            for (; i + Vector<T>.Count <= w.Length; i += Vector<T>.Count)
            {
                var wv = Vector.LoadUnsafe(ref w0, (nuint)i);
                (wv - lrs * (Vector.LoadUnsafe(ref g0, (nuint)i) + decays * wv)).StoreUnsafe(ref w0, (nuint)i);
            }
        }
        for (; i < w.Length; i++) w[i] -= lr * (grad[i] + decay * w[i]);
    }
}
