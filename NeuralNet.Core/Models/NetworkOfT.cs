using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;
using NeuralNet.Core.Training;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Core.Models;

/// <summary>The <see cref="Network"/> of one precision.</summary>
internal sealed class Network<T> : Network where T : struct, IFloatingPointIeee754<T>
{
    private const int ChunkRows = PassRows;
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
        var validation = xVal is not null && yVal is not null ? new Dataset<T>(Convert(xVal), Convert(yVal)) : null;
        return Fit(new Dataset<T>(Convert(x), Convert(y)), validation, settings, rng, onEpoch, cancellation, resume, onCheckpoint);
    }

    public override TrainingResult Fit(EncodedData train, EncodedData? validation, FitSettings settings, Rng rng,
        Action<EpochMetrics> onEpoch, CancellationToken cancellation, TrainerState? resume = null, Action<TrainerState>? onCheckpoint = null)
        => Fit(Labelled(train), validation is { HasTargets: true } ? Labelled(validation) : null, settings, rng, onEpoch, cancellation, resume, onCheckpoint);

    private TrainingResult Fit(Dataset<T> train, Dataset<T>? validation, FitSettings settings, Rng rng, Action<EpochMetrics> onEpoch,
        CancellationToken cancellation, TrainerState? resume, Action<TrainerState>? onCheckpoint)
    {
        var loss = LossRegistry.Create<T>(settings.Loss);
        var optimizer = OptimizerRegistry.Create(settings.Optimizer, _mlp.Parameters, settings.LearningRate, settings.WeightDecay);
        var trainer = new Trainer<T>(_mlp, loss, optimizer, rng, settings.Options);
        trainer.EpochCompleted += onEpoch;
        if (onCheckpoint is not null) trainer.CheckpointReady += onCheckpoint;
        return trainer.Fit(train, validation, cancellation, resume);
    }

    public override (double Loss, double Metric) Evaluate(Matrix<double> x, Matrix<double> y, string loss)
        => new Evaluator<T>(_mlp, LossRegistry.Create<T>(loss), ChunkRows).Evaluate(new Dataset<T>(Convert(x), Convert(y)));

    public override (double Loss, double Metric) Evaluate(EncodedData data, string loss)
        => new Evaluator<T>(_mlp, LossRegistry.Create<T>(loss), ChunkRows).Evaluate(Labelled(data));

    public override Matrix<double> Predict(Matrix<double> x, string loss) => Predict(Convert(x), loss);

    internal override double LossSum(EncodedData block, string loss)
        => LossRegistry.Create<T>(loss).Compute(_mlp.Forward(block.FeaturesAs<T>()), Labelled(block).Targets, null) * block.Rows;

    public override Matrix<double> Predict(EncodedData data, string loss) => Predict(data.FeaturesAs<T>(), loss);

    private Matrix<double> Predict(Matrix<T> x, string loss)
    {
        var predictions = new Evaluator<T>(_mlp, LossRegistry.Create<T>(loss), ChunkRows).Predict(x);
        return typeof(T) == typeof(double) ? (Matrix<double>)(object)predictions : EncodedData.Convert<T, double>(predictions);
    }

    public override IReadOnlyList<LayerActivity> Activity(Matrix<double> x) => new ActivityMeter<T>(_mlp, ChunkRows).Measure(Convert(x));

    public override IReadOnlyList<LayerActivity> Activity(EncodedData data) => new ActivityMeter<T>(_mlp, ChunkRows).Measure(data.FeaturesAs<T>());

    private static Dataset<T> Labelled(EncodedData data)
        => new(data.FeaturesAs<T>(), data.TargetsAs<T>() ?? throw new ArgumentException("Expected encoded data with targets.", nameof(data)));

    private static Matrix<T> Convert(Matrix<double> m)
        => typeof(T) == typeof(double) ? (Matrix<T>)(object)m : EncodedData.Convert<double, T>(m);
}
