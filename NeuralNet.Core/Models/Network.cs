using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Models;

/// <summary>
/// An MLP in float or double precision behind one non-generic face, so the command line works with double matrices
/// whatever the training precision. Parameter values cross this boundary as doubles, which hold every float exactly.
/// </summary>
public abstract class Network
{
    /// <summary>
    /// Rows per forward pass when predicting, evaluating or measuring activity: data is run in blocks of this many
    /// rows (the last block holds the rest), so a row's output depends only on its place in that grid.
    /// </summary>
    public const int PassRows = 1024;

    /// <summary>The precisions that can be chosen.</summary>
    public static IReadOnlyList<string> Precisions { get; } = ["float", "double"];

    /// <summary>Builds and initializes a network.</summary>
    public static Network Create(MlpSpec spec, string precision, Rng rng)
        => precision == "double" ? new Network<double>(spec, Mlp<double>.Create(spec, rng)) : new Network<float>(spec, Mlp<float>.Create(spec, rng));

    /// <summary>Rebuilds a network from stored parameter values (in <see cref="ParameterNames"/> order).</summary>
    /// <exception cref="ArgumentException">If the values do not fit the architecture.</exception>
    public static Network Restore(MlpSpec spec, string precision, IReadOnlyList<double[]> values)
    {
        var network = Create(spec, precision, new Rng(0)); // the draws are overwritten at once
        network.SetParameterValues(values);
        return network;
    }

    /// <summary>The architecture.</summary>
    public abstract MlpSpec Spec { get; }

    /// <summary>"float" or "double".</summary>
    public abstract string Precision { get; }

    /// <summary>Total learnable scalars.</summary>
    public abstract int ParameterCount { get; }

    /// <summary>Parameter names, layer by layer ("layer0.weights", "layer0.bias", "layer0.alpha", ...).</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Copies of every parameter's values as doubles, column-major, in <see cref="ParameterNames"/> order.</summary>
    public abstract IReadOnlyList<double[]> ParameterValues();

    /// <summary>Sets every parameter's values.</summary>
    public abstract void SetParameterValues(IReadOnlyList<double[]> values);

    /// <summary>
    /// Trains on the given data; <paramref name="onEpoch"/> sees epoch 0 (initialization) and every epoch,
    /// <paramref name="onCheckpoint"/> every <see cref="TrainerOptions.CheckpointEvery"/>-th; <paramref name="resume"/> continues a run.
    /// </summary>
    public abstract TrainingResult Fit(Matrix<double> x, Matrix<double> y, Matrix<double>? xVal, Matrix<double>? yVal,
        FitSettings settings, Rng rng, Action<EpochMetrics> onEpoch, CancellationToken cancellation,
        TrainerState? resume = null, Action<TrainerState>? onCheckpoint = null);

    /// <summary>
    /// Like <see cref="Fit(Matrix{double}, Matrix{double}, Matrix{double}?, Matrix{double}?, FitSettings, Rng, Action{EpochMetrics}, CancellationToken, TrainerState?, Action{TrainerState}?)"/>
    /// on encoded data, which is used as it is stored when its precision is the network's (no copy).
    /// </summary>
    /// <exception cref="ArgumentException">If the training data has no targets.</exception>
    public abstract TrainingResult Fit(EncodedData train, EncodedData? validation, FitSettings settings, Rng rng,
        Action<EpochMetrics> onEpoch, CancellationToken cancellation, TrainerState? resume = null, Action<TrainerState>? onCheckpoint = null);

    /// <summary>Mean loss and metric (accuracy or R²) on data.</summary>
    public abstract (double Loss, double Metric) Evaluate(Matrix<double> x, Matrix<double> y, string loss);

    /// <summary>Mean loss and metric (accuracy or R²) on encoded data with targets, read in place when its precision is the network's.</summary>
    /// <exception cref="ArgumentException">If the data has no targets.</exception>
    public abstract (double Loss, double Metric) Evaluate(EncodedData data, string loss);

    /// <summary>
    /// The loss summed over the rows of one block of at most <see cref="PassRows"/> rows (its mean × its rows, as the
    /// evaluator adds blocks up), so that a file evaluated block by block gives the whole-file loss exactly.
    /// </summary>
    internal abstract double LossSum(EncodedData block, string loss);

    /// <summary>Probabilities (classification) or values (regression) of encoded rows, rows × outputs.</summary>
    public abstract Matrix<double> Predict(EncodedData data, string loss);

    /// <summary>Each hidden layer's activity on encoded rows.</summary>
    public abstract IReadOnlyList<LayerActivity> Activity(EncodedData data);

    /// <summary>Probabilities (classification) or values (regression), rows × outputs.</summary>
    public abstract Matrix<double> Predict(Matrix<double> x, string loss);

    /// <summary>Each hidden layer's activity on <paramref name="x"/>.</summary>
    public abstract IReadOnlyList<LayerActivity> Activity(Matrix<double> x);
}
