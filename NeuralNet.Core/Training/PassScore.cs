using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Training.Losses;

namespace NeuralNet.Core.Training;

/// <summary>
/// The mean loss and the metric (accuracy or R²) of a whole-set pass run in chunks on <see cref="PassHalves{T}"/>:
/// the first half's chunks are scored as they come; the second half's outputs are kept and scored after them, in chunk
/// order, so the result is the bits of one thread's pass. One rule for every pass that scores (validation, the final
/// metrics, a dead-neuron measurement that also scores the training rows).
/// </summary>
internal sealed class PassScore<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly ILoss<T> _loss;
    private readonly MetricAccumulator<T> _metric;
    private (Matrix<T> Output, Matrix<T> Targets)[] _later = [];
    private int _split;
    private double _weighted;

    public PassScore(ILoss<T> loss)
    {
        _loss = loss;
        _metric = new MetricAccumulator<T>(loss.IsClassification);
    }

    /// <summary>Starts a pass of <paramref name="chunks"/> chunks whose second half starts at <paramref name="split"/>.</summary>
    public void Begin(int split, int chunks)
    {
        _metric.Reset();
        _weighted = 0;
        _split = split;
        _later = new (Matrix<T>, Matrix<T>)[chunks - split];
    }

    /// <summary>
    /// Scores chunk <paramref name="chunk"/>'s outputs against its targets: now when it is in the first half (the
    /// calling thread's), otherwise a copy is kept for <see cref="End"/> (the buffers are the twin's, reused).
    /// </summary>
    public void Add(int chunk, Matrix<T> output, Matrix<T> targets)
    {
        if (chunk >= _split) _later[chunk - _split] = (output.Clone(), targets.Clone());
        else Score(output, targets);
    }

    /// <summary>Scores the kept second half in chunk order; the mean loss over <paramref name="rows"/> rows and the metric.</summary>
    public (double Loss, double Metric) End(int rows)
    {
        foreach (var (output, targets) in _later) Score(output, targets);
        _later = [];
        return (_weighted / rows, _metric.Value);
    }

    private void Score(Matrix<T> output, Matrix<T> targets)
    {
        _weighted += _loss.Compute(output, targets, null) * output.RowCount;
        _metric.Add(output, targets);
    }
}
