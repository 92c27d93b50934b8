using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Models;

/// <summary>The <see cref="Network"/> of one precision.</summary>
internal sealed class Network<T> : Network where T : struct, IFloatingPointIeee754<T>
{
    private const int ChunkRows = 1024;
    private readonly Mlp<T> _mlp;

    public Network(MlpSpec spec, Mlp<T> mlp) => (Spec, _mlp) = (spec, mlp);

    public override MlpSpec Spec { get; }

    public override string Precision => typeof(T) == typeof(double) ? "double" : "float";

    public override int ParameterCount => _mlp.ParameterCount;

    public override IReadOnlyList<string> ParameterNames => _mlp.Parameters.Select(p => p.Name).ToList();

    public override IReadOnlyList<double[]> ParameterValues()
        => _mlp.Parameters.Select(p => p.Value.Select(v => double.CreateChecked(v)).ToArray()).ToList();

    public override void SetParameterValues(IReadOnlyList<double[]> values)
        => _mlp.SetValues(values.Select(v => v.Select(T.CreateChecked).ToArray()).ToList());

    public override TrainingResult Fit(Matrix<double> x, Matrix<double> y, Matrix<double>? xVal, Matrix<double>? yVal,
        FitSettings settings, Rng rng, Action<EpochMetrics> onEpoch, CancellationToken cancellation,
        TrainerState? resume = null, Action<TrainerState>? onCheckpoint = null)
    {
        var loss = LossRegistry.Create<T>(settings.Loss);
        var optimizer = OptimizerRegistry.Create(settings.Optimizer, _mlp.Parameters, settings.LearningRate, settings.WeightDecay);
        var trainer = new Trainer<T>(_mlp, loss, optimizer, rng, settings.Options);
        trainer.EpochCompleted += onEpoch;
        if (onCheckpoint is not null) trainer.CheckpointReady += onCheckpoint;
        var validation = xVal is not null && yVal is not null ? new Dataset<T>(Convert(xVal), Convert(yVal)) : null;
        return trainer.Fit(new Dataset<T>(Convert(x), Convert(y)), validation, cancellation, resume);
    }

    public override (double Loss, double Metric) Evaluate(Matrix<double> x, Matrix<double> y, string loss)
        => new Evaluator<T>(_mlp, LossRegistry.Create<T>(loss), ChunkRows).Evaluate(new Dataset<T>(Convert(x), Convert(y)));

    public override Matrix<double> Predict(Matrix<double> x, string loss)
    {
        var predictions = new Evaluator<T>(_mlp, LossRegistry.Create<T>(loss), ChunkRows).Predict(Convert(x));
        return Matrix<double>.Build.Dense(predictions.RowCount, predictions.ColumnCount, (i, j) => double.CreateChecked(predictions[i, j]));
    }

    public override IReadOnlyList<LayerActivity> Activity(Matrix<double> x) => new ActivityMeter<T>(_mlp, ChunkRows).Measure(Convert(x));

    private static Matrix<T> Convert(Matrix<double> m)
        => typeof(T) == typeof(double) ? (Matrix<T>)(object)m : Matrix<T>.Build.Dense(m.RowCount, m.ColumnCount, (i, j) => T.CreateChecked(m[i, j]));
}
