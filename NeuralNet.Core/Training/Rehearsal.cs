using NeuralNet.Core.Data;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Models;

namespace NeuralNet.Core.Training;

/// <summary>
/// A dress rehearsal of a training run on 512 synthetic rows, on a background thread, to start while the real
/// data is still being read. The network code is generic over the precision, and generic code over <c>float</c> is
/// never precompiled, so a process would otherwise JIT-compile hundreds of methods (the passes, the kernels, the
/// trainer, the model file) one after another on the critical path once the data is ready. The rehearsal runs at the
/// lowest priority, on what the run's threads leave idle (start-up, serial stretches, waits), and touches nothing the
/// run uses: its own table, network, generator and one thread.
/// </summary>
public static class Rehearsal
{
    private const int Rows = 512; // 384 training rows: two chunks of a pass, several batches
    private const int MaxUnits = 256;

    /// <summary>
    /// Files smaller than this are read before a rehearsal would be done (it costs about a quarter of a second of one
    /// core): not worth starting.
    /// </summary>
    public const long WorthwhileFileBytes = 16L << 20;

    /// <summary>
    /// Starts rehearsing <paramref name="spec"/>'s network, activation, optimizer and precision (one epoch, with
    /// validation and dead-neuron measurement, then the model file in memory) with <paramref name="inputs"/> inputs.
    /// The task never faults: a rehearsal that fails only leaves the compiling to the run itself.
    /// </summary>
    public static Task Start(TrainingSpec spec, int inputs = 32)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Only on a core no one else wants: competing with the reader's threads would delay the run by as much as it
        // saves. Where the priority cannot be lowered, no rehearsal.
        return IdleWork.LowersPriority ? IdleWork.Start(() => Run(spec, inputs)) : Task.CompletedTask;
    }

    private static bool Run(TrainingSpec spec, int inputs)
    {
        try
        {
            Rehearse(spec, inputs);
            return true;
        }
        catch (Exception)
        {
            return false; // nothing depends on the rehearsal: the run compiles whatever it did not reach
        }
    }

    /// <summary>The rehearsal itself, on the calling thread (its kernels on that thread alone); the model file's bytes.</summary>
    internal static byte[] Rehearse(TrainingSpec spec, int inputs)
    {
        using var oneThread = KernelThreadLimit.ForThisThread(1); // the run's kernel workers stay the run's
        var table = Table(inputs, spec.Precision == "double");
        var rehearsed = spec with
        {
            // Layers capped at 256 units: the same code, without the memory of a wide network's weights and optimizer state twice.
            Hidden = spec.Hidden.Select(units => Math.Min(units, MaxUnits)).ToList(),
            Target = "y", Drop = [], Epochs = Math.Min(spec.Epochs, 1), Seed = 1, Sample = null, Task = "auto", Loss = null, Output = null,
            ValidationSplit = 0.25, CheckpointEvery = 0, Patience = null, Recycle = RecycleMode.Off,
        };
        var run = TrainingPipeline.Prepare(table, null, rehearsed);
        var result = run.Train();
        if (run.Data.Validation is { } validation) run.Network.Evaluate(validation, run.Data.Target.Loss);
        var document = ModelMapper.ToDocument(run.Network, run.Data.Features, run.Data.Target, 1,
            TrainingSettingsMapper.ToDocument(rehearsed, run.Data, result, "rehearsal", null), result.History);
        return ModelStore.Serialize(document);
    }

    /// <summary><paramref name="inputs"/> numeric columns of seeded values and a 0/1 target column "y".</summary>
    private static DataTable Table(int inputs, bool wide)
    {
        var rng = new Rng(1);
        var columns = new List<DataColumn>();
        for (int c = 0; c <= inputs; c++)
        {
            bool target = c == inputs;
            var values = new double[Rows];
            for (int r = 0; r < Rows; r++) values[r] = target ? rng.NextInt(2) : rng.NextGaussian();
            var spellings = target ? new Dictionary<double, string> { [0] = "0", [1] = "1" } : null;
            columns.Add(new NumericColumn(target ? "y" : $"x{c}", ColumnStats.AllNumbers(Rows),
                wide ? null : values.Select(v => (float)v).ToArray(), wide ? values : null, Rows, spellings));
        }
        return new DataTable("rehearsal", columns, Enumerable.Range(2, Rows).Select(l => (long)l).ToArray(), Rows, ',');
    }
}
