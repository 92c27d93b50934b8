using System.Numerics;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Training.Optimizers;

/// <summary>
/// Base of every update rule. An optimizer sees only the list of <see cref="Parameter{T}"/> (never a layer):
/// <see cref="ZeroGrad"/> clears their gradients, <see cref="Step"/> updates their values from the gradients.
/// Per-parameter state (momentum, Adam's moments) is allocated once in the constructor.
/// </summary>
public abstract class Optimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters; // Parameters as an array: the step loops index it without an interface call
    private double _learningRate;
    private UpdateJob? _updateJob;

    /// <summary>Creates an optimizer over <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If the learning rate or weight decay is negative or not finite.</exception>
    protected Optimizer(IReadOnlyList<Parameter<T>> parameters, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!double.IsFinite(weightDecay) || weightDecay < 0)
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Invalid weight decay: expected a finite value ≥ 0.");
        Parameters = parameters;
        _parameters = parameters.ToArray();
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The registry name ("sgd", "adam", ...).</summary>
    public abstract string Name { get; }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Step size; may be changed between steps (schedules).</summary>
    /// <exception cref="ArgumentOutOfRangeException">If set to a value that is not finite and &gt; 0.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!double.IsFinite(value) || value <= 0)
                throw new ArgumentOutOfRangeException(nameof(value), value, "Invalid learning rate: expected a finite value > 0.");
            _learningRate = value;
        }
    }

    /// <summary>Weight decay coefficient, applied only to parameters with <see cref="Parameter{T}.ApplyWeightDecay"/>.</summary>
    public double WeightDecay { get; }

    /// <summary>Steps taken so far.</summary>
    public long StepCount { get; protected set; }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters) parameter.ZeroGradient();
    }

    /// <summary>Updates every parameter from its gradient.</summary>
    /// <remarks>Long parameters (big weight matrices) are updated in ranges on both cores, all in one job; the result is the same bits.</remarks>
    public void Step()
    {
        StepCount++;
        BeginStep();
        (_updateJob ??= new UpdateJob(this)).Run();
    }

    /// <summary>
    /// Called once at the start of every <see cref="Step"/>, after <see cref="StepCount"/> is incremented and before any
    /// <see cref="Update"/> (which may run on several threads): for values shared by every parameter of the step.
    /// </summary>
    protected virtual void BeginStep()
    {
    }

    /// <summary>
    /// Applies the update rule to elements [<paramref name="start"/>, <paramref name="end"/>) of parameter
    /// <paramref name="index"/>, whose gradient is <paramref name="gradient"/>. Ranges of one step may run
    /// concurrently, so an update must touch only those elements of the parameter and of its own state.
    /// </summary>
    protected abstract void Update(int index, Parameter<T> parameter, T[] gradient, int start, int end);

    /// <summary>The per-parameter state buffers, named (for checkpoints).</summary>
    public abstract IReadOnlyDictionary<string, T[]> State { get; }

    /// <summary>Restores the step count and state buffers captured from <see cref="State"/> and <see cref="StepCount"/>.</summary>
    /// <exception cref="ArgumentException">If a buffer is missing or has the wrong length.</exception>
    public void RestoreState(long stepCount, IReadOnlyDictionary<string, T[]> state)
    {
        foreach (var (key, buffer) in State)
        {
            if (!state.TryGetValue(key, out var saved) || saved.Length != buffer.Length)
                throw new ArgumentException($"Optimizer state '{key}' is missing or has the wrong length.", nameof(state));
            saved.CopyTo(buffer, 0);
        }
        StepCount = stepCount;
    }

    /// <summary>Allocates one zeroed buffer per parameter, keyed "{name}.{buffer}".</summary>
    protected T[][] CreateBuffers(string bufferName, Dictionary<string, T[]> registry)
    {
        var buffers = new T[Parameters.Count][];
        for (int i = 0; i < Parameters.Count; i++)
        {
            buffers[i] = new T[Parameters[i].Length];
            registry[$"{Parameters[i].Name}.{bufferName}"] = buffers[i];
            if (!_buffersOf.TryGetValue(Parameters[i], out var list)) _buffersOf[Parameters[i]] = list = new List<T[]>();
            list.Add(buffers[i]);
        }
        return buffers;
    }

    private readonly Dictionary<Parameter<T>, List<T[]>> _buffersOf = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Sets the state (momentum, Adam's m and v) of <paramref name="count"/> entries of <paramref name="parameter"/>,
    /// <paramref name="start"/>, start + stride, ..., back to that of a new optimizer (zero); every other entry keeps its
    /// state. The step count is shared and unchanged. For unit recycling (ReDo).
    /// </summary>
    /// <exception cref="ArgumentException">If the parameter is not one of <see cref="Parameters"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">If an entry lies outside the parameter.</exception>
    public void ResetState(Parameter<T> parameter, int start, int count, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!Parameters.Contains(parameter)) throw new ArgumentException($"'{parameter.Name}' is not a parameter of this optimizer.", nameof(parameter));
        if (start < 0 || count < 0 || stride < 1 || (count > 0 && start + (long)(count - 1) * stride >= parameter.Length))
            throw new ArgumentOutOfRangeException(nameof(count), $"Entries {start} + k·{stride}, k < {count}, lie outside '{parameter.Name}' ({parameter.Length} values).");
        if (!_buffersOf.TryGetValue(parameter, out var buffers)) return; // a stateless rule (plain SGD)
        foreach (var buffer in buffers)
            for (int k = 0; k < count; k++) buffer[start + k * stride] = T.Zero;
    }

    /// <summary>
    /// One step's update, handed to the kernel pool as one job over every long parameter (one hand-off a step, and no
    /// wait between matrices), each cut by the GEMM's column tiles so that a core updates the columns of W it computes
    /// in the products. Short parameters are updated on the caller first. One per optimizer: a step allocates nothing.
    /// </summary>
    private sealed class UpdateJob : ISegmentedBody
    {
        private readonly Optimizer<T> _owner;
        private readonly int[] _indices;
        private readonly T[][] _gradients;
        private readonly RangeCut[] _cuts;

        public UpdateJob(Optimizer<T> owner)
        {
            _owner = owner;
            int count = owner._parameters.Length;
            (_indices, _gradients, _cuts) = (new int[count], new T[count][], new RangeCut[count]);
        }

        public void Run()
        {
            var parameters = _owner._parameters;
            int segments = 0;
            for (int i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                // Read once here: a gradient zeroed lazily is materialised on this thread, before any range runs.
                T[] gradient = parameter.Gradient;
                RangeCut cut = default; // worked out only for a long parameter: a small network's step is a few microseconds
                if (ParallelRanges.TooShortToSplit(parameter.Length) || !ParallelRanges.Splits(cut = Cut(parameter), parameter.Length))
                {
                    _owner.Update(i, parameter, gradient, 0, parameter.Length); // what a pass of its own would do, without the hop
                    continue;
                }
                (_indices[segments], _gradients[segments], _cuts[segments]) = (i, gradient, cut);
                segments++;
            }
            if (segments > 0) SegmentedRanges.Run(this, _cuts, segments);
            Array.Clear(_gradients, 0, segments);
        }

        public void Run(int segment, int start, int end)
        {
            int index = _indices[segment];
            _owner.Update(index, _owner._parameters[index], _gradients[segment], start, end);
        }

        private static RangeCut Cut(Parameter<T> parameter)
        {
            if (typeof(T) == typeof(float)) return ParallelRanges.ColumnTiles<float>(parameter.Rows, parameter.Columns);
            if (typeof(T) == typeof(double)) return ParallelRanges.ColumnTiles<double>(parameter.Rows, parameter.Columns);
            return ParallelRanges.Elements(parameter.Length);
        }
    }
}
