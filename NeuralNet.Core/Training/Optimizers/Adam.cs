using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuralNet.Core.Training.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015), and AdamW (Loshchilov &amp; Hutter 2019) when <c>decoupled</c> is set. At step t:
/// <code>
/// Adam:  g ← ∇ + λ·w                      (L2 folded into the gradient)
/// AdamW: w ← w − η·λ·w                     (decoupled decay), g ← ∇
/// m ← β₁·m + (1 − β₁)·g
/// v ← β₂·v + (1 − β₂)·g²
/// w ← w − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
/// </code>
/// Defaults as PyTorch: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. Decay applies only to parameters that ask for it
/// (weights; not biases or PReLU α).
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, T[]> _state = new();
    private readonly T[][] _m, _v;
    private T _stepSize, _vCorrection; // this step's bias corrections, set by BeginStep

    /// <summary>Creates Adam or AdamW.</summary>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="learningRate">η &gt; 0; default 1e-3.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="weightDecay">λ ≥ 0.</param>
    /// <param name="decoupled">AdamW (true) or Adam with L2 (false).</param>
    /// <exception cref="ArgumentOutOfRangeException">If a value is out of range.</exception>
    public Adam(IReadOnlyList<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0, bool decoupled = false)
        : base(parameters, learningRate, weightDecay)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Invalid beta1: expected 0 ≤ β₁ < 1.");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Invalid beta2: expected 0 ≤ β₂ < 1.");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Invalid epsilon: expected ε > 0.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Decoupled = decoupled;
        _m = CreateBuffers("m", _state);
        _v = CreateBuffers("v", _state);
    }

    /// <inheritdoc />
    public override string Name => Decoupled ? "adamw" : "adam";

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Whether weight decay is decoupled (AdamW).</summary>
    public bool Decoupled { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, T[]> State => _state;

    /// <inheritdoc />
    /// <remarks>Once per step, not per parameter: the two powers cost more than a small layer's update.</remarks>
    protected override void BeginStep()
    {
        _stepSize = T.CreateChecked(LearningRate / (1 - Math.Pow(Beta1, StepCount)));
        _vCorrection = T.CreateChecked(1 / (1 - Math.Pow(Beta2, StepCount)));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Update(int index, Parameter<T> parameter, T[] gradient, int start, int end)
    {
        int length = end - start;
        Span<T> w = parameter.Value.AsSpan(start, length);
        ReadOnlySpan<T> grad = gradient.AsSpan(start, length);
        Span<T> m = _m[index].AsSpan(start, length), v = _v[index].AsSpan(start, length);
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2), eps = T.CreateChecked(Epsilon);
        T oneMinusB1 = T.One - b1, oneMinusB2 = T.One - b2;
        T stepSize = _stepSize, vCorrection = _vCorrection;
        double decay = parameter.ApplyWeightDecay ? WeightDecay : 0;
        T l2 = Decoupled ? T.Zero : T.CreateChecked(decay);
        T shrink = Decoupled ? T.CreateChecked(1 - LearningRate * decay) : T.One;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Same operations in the same order as the scalar loop below, so both give identical bits.
            Vector<T> b1s = new(b1), b2s = new(b2), epss = new(eps), l2s = new(l2), shrinks = new(shrink);
            Vector<T> oneMinusB1s = new(oneMinusB1), oneMinusB2s = new(oneMinusB2), steps = new(stepSize), vCorrections = new(vCorrection);
            // By offset from the first elements (all four spans are `length` long): slicing per vector costs more.
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T g0 = ref MemoryMarshal.GetReference(grad);
            ref T m0 = ref MemoryMarshal.GetReference(m);
            ref T v0 = ref MemoryMarshal.GetReference(v);
            for (; i + Vector<T>.Count <= w.Length; i += Vector<T>.Count)
            {
                nuint at = (nuint)i;
                var wv = Vector.LoadUnsafe(ref w0, at);
                var g = Vector.LoadUnsafe(ref g0, at) + l2s * wv;
                var mv = b1s * Vector.LoadUnsafe(ref m0, at) + oneMinusB1s * g;
                var vv = b2s * Vector.LoadUnsafe(ref v0, at) + oneMinusB2s * g * g;
                mv.StoreUnsafe(ref m0, at);
                vv.StoreUnsafe(ref v0, at);
                (wv * shrinks - steps * mv / (Vector.SquareRoot(vv * vCorrections) + epss)).StoreUnsafe(ref w0, at);
            }
        }
        for (; i < w.Length; i++)
        {
            T g = grad[i] + l2 * w[i];
            m[i] = b1 * m[i] + oneMinusB1 * g;
            v[i] = b2 * v[i] + oneMinusB2 * g * g;
            w[i] = w[i] * shrink - stepSize * m[i] / (T.Sqrt(v[i] * vCorrection) + eps);
        }
    }
}
