using System.Globalization;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// The one rule for each option value that more than one command takes (train, experiment, bench): each check
/// throws a usage error (exit 1) naming the option, what it expects and what it received.
/// </summary>
public static class OptionRules
{
    /// <summary>Hidden sizes: positive.</summary>
    public static void Hidden(IEnumerable<int> sizes)
    {
        var list = sizes.ToList();
        if (list.Any(h => h <= 0)) Fail($"--hidden expects positive layer sizes such as 64,32; received {string.Join(",", list)}");
    }

    /// <summary>Learning rate: finite and &gt; 0.</summary>
    public static void LearningRate(double lr)
    {
        if (!(lr > 0 && double.IsFinite(lr))) Fail($"--lr expects a positive number; received {Show(lr)}");
    }

    /// <summary>Weight decay: finite and ≥ 0.</summary>
    public static void WeightDecay(double decay)
    {
        if (!(decay >= 0 && double.IsFinite(decay))) Fail($"--weight-decay expects a number ≥ 0; received {Show(decay)}");
    }

    /// <summary>Gradient-norm clip: off, or finite and &gt; 0.</summary>
    public static void ClipNorm(double? clip)
    {
        if (clip is { } c && !(c > 0 && double.IsFinite(c))) Fail($"--clip-norm expects a positive number; received {Show(c)}");
    }

    /// <summary>Precision: one of the network precisions.</summary>
    public static void Precision(string precision)
    {
        if (!Core.Models.Network.Precisions.Contains(precision)) Fail($"--precision expects float or double; received {precision}");
    }

    /// <summary>Feature scaling: one of Core's registered names (standard, minmax, none).</summary>
    public static void Scaling(string? scaling)
    {
        if (!Core.Preprocessing.FeatureScaling.IsKnown(scaling))
            Fail($"--scale expects one of {string.Join(", ", Core.Preprocessing.FeatureScaling.Names)}; received '{scaling}'");
    }

    /// <summary>Batch size: positive.</summary>
    public static void BatchSize(int size)
    {
        if (size <= 0) Fail($"--batch-size expects a positive integer; received {size}");
    }

    /// <summary>Epochs: ≥ 0 (0 evaluates the initial network).</summary>
    public static void Epochs(int epochs)
    {
        if (epochs < 0) Fail($"--epochs expects an integer ≥ 0; received {epochs}");
    }

    /// <summary>Validation split: a share in [0, 1).</summary>
    public static void ValidationSplit(double? share)
    {
        if (share is { } v && !(v >= 0 && v < 1)) Fail($"--validation-split expects a share in [0, 1); received {Show(v)}");
    }

    /// <summary>Early-stopping patience: ≥ 0 when given.</summary>
    public static void Patience(int? patience)
    {
        if (patience is < 0) Fail($"--patience expects an integer ≥ 0; received {patience}");
    }

    /// <summary>Dead-neuron measurement interval: ≥ 0.</summary>
    public static void DeadEvery(int every)
    {
        if (every < 0) Fail($"--dead-every expects an integer ≥ 0; received {every}");
    }

    /// <summary>ReDo mode: off (also spelt none), dead or dormant; returns the library's value.</summary>
    public static Core.Training.RecycleMode RecycleMode(string mode) => mode switch
    {
        "off" or "none" => Core.Training.RecycleMode.Off,
        "dead" => Core.Training.RecycleMode.Dead,
        "dormant" => Core.Training.RecycleMode.Dormant,
        _ => throw CliException.Usage($"--recycle expects off, dead or dormant; received '{mode}'"),
    };

    /// <summary>Dormant-unit threshold τ: finite and ≥ 0.</summary>
    public static void DormantTau(double tau)
    {
        if (!(tau >= 0 && double.IsFinite(tau))) Fail($"--dormant-tau expects a finite number ≥ 0; received {Show(tau)}");
    }

    /// <summary>Epochs between recyclings: ≥ 1.</summary>
    public static void RecycleEvery(int every)
    {
        if (every < 1) Fail($"--recycle-every expects an integer ≥ 1; received {every}");
    }

    /// <summary>Initial hidden bias: finite.</summary>
    public static void BiasInit(double bias)
    {
        if (!double.IsFinite(bias)) Fail($"--bias-init expects a finite number; received {Show(bias)}");
    }

    /// <summary>
    /// α: only with leaky-relu or prelu among <paramref name="activations"/>; finite; and ≥ 0 when leaky-relu is used
    /// (a fixed negative slope makes the unit non-monotone; PReLU learns its sign).
    /// </summary>
    public static void Alpha(double? alpha, IReadOnlyCollection<string> activations)
    {
        if (alpha is not { } a) return;
        if (!activations.Any(n => n is "leaky-relu" or "prelu"))
            Fail($"--alpha applies to --activation leaky-relu or prelu, not {string.Join(",", activations)}");
        if (!double.IsFinite(a)) Fail($"--alpha expects a finite number; received {Show(a)}");
        if (a < 0 && activations.Contains("leaky-relu")) Fail($"--alpha for leaky-relu expects a slope ≥ 0; received {Show(a)}");
    }

    /// <summary>A positive count (threads, seeds, repeats).</summary>
    public static void Positive(string option, int value)
    {
        if (value <= 0) Fail($"{option} expects a positive integer; received {value}");
    }

    /// <summary>
    /// Refuses a network whose training state would not fit in the memory this process may use: the weights and biases
    /// with their gradients and up to two optimizer moments (4 copies), plus the batch's pre-activations, activations and
    /// deltas per layer (3 copies), at <paramref name="bytesPerValue"/> bytes each, for <paramref name="networksAtOnce"/>
    /// networks trained at the same time. Called before the data is read (with one input and output, to catch absurd
    /// sizes at once) and again once the data's widths are known.
    /// </summary>
    public static void NetworkFits(int inputs, IReadOnlyList<int> hidden, int outputs, int batchSize, int bytesPerValue, int networksAtOnce = 1)
    {
        var widths = new List<long> { inputs };
        widths.AddRange(hidden.Select(h => (long)h));
        widths.Add(outputs);
        double parameters = 0, units = 0;
        for (int i = 0; i + 1 < widths.Count; i++)
        {
            parameters += (double)widths[i] * widths[i + 1] + widths[i + 1];
            units += widths[i + 1];
        }
        double bytes = (4 * parameters + 3 * units * batchSize) * bytesPerValue * networksAtOnce;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        // .NET arrays hold at most about 2^31 elements; a layer's weight matrix is one array.
        bool arrayTooLarge = Enumerable.Range(0, widths.Count - 1).Any(i => (double)widths[i] * widths[i + 1] > Array.MaxLength);
        if (bytes > 0.8 * available || arrayTooLarge)
        {
            // Name what makes it large: the layers, the batch's activations, or the networks trained at once.
            bool batchDominates = 3 * units * batchSize > 4 * parameters;
            string what = $"--hidden {string.Join(",", hidden)}" + (batchDominates && !arrayTooLarge ? $" with --batch-size {batchSize}" : "")
                          + (networksAtOnce > 1 ? $" for {networksAtOnce} runs at once (--threads)" : "");
            string choose = arrayTooLarge || !batchDominates ? "choose smaller layers" : "choose a smaller --batch-size";
            Fail($"{what}: the network ({Count(parameters)} parameters) needs about {Size(bytes)} to train, " +
                 $"and {Size(available)} is available{(arrayTooLarge ? "; a layer's weights exceed the largest array .NET can hold" : "")}; " +
                 choose + (networksAtOnce > 1 ? " or fewer --threads" : ""));
        }
    }

    /// <summary>Bytes one run keeps whatever its length (its settings, result and summary; measured about 10 KB, rounded up).</summary>
    internal const int BytesPerRun = 16 << 10;

    /// <summary>
    /// Bytes one epoch's record takes in memory: its metrics (measured about 1 KB) and, when the dead neurons are
    /// measured, each hidden unit's active share (8 bytes, with its list about 16).
    /// </summary>
    internal static double BytesPerEpoch(int hiddenUnits, int deadEvery) => 1024 + (deadEvery > 0 ? 16.0 * hiddenUnits / deadEvery : 0);

    /// <summary>
    /// Refuses runs whose records cannot fit in memory: every run keeps a record of every epoch (for the model file, the
    /// reports, the curves and --resume), so <c>--epochs 10000000</c> or <c>--seeds 2147483647</c> would otherwise fill the
    /// memory long after starting and end as an internal error. The worst case is counted: early stopping may end sooner.
    /// </summary>
    /// <param name="runs">Runs kept (1 for train; the grid's size for experiment).</param>
    /// <param name="epochs">Epochs per run.</param>
    /// <param name="hiddenUnits">Hidden units of the largest network.</param>
    /// <param name="deadEvery">--dead-every (0: measured only at the start and the end).</param>
    /// <param name="grid">Whether the runs are an experiment's grid (kept for its table and files) rather than one training run.</param>
    public static void RecordsFit(double runs, int epochs, int hiddenUnits, int deadEvery, bool grid = false)
    {
        double bytes = runs * (BytesPerRun + (epochs + 1.0) * BytesPerEpoch(hiddenUnits, deadEvery));
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes <= 0.8 * available) return;
        string what = grid ? $"{Count(runs)} runs of {Count(epochs)} epochs" : $"--epochs {Count(epochs)}";
        string keptFor = grid ? "the table, the files and the report" : "the model file, the reports and --resume";
        Fail($"{what}: the record of every epoch (kept for {keptFor}) needs about {Size(bytes)}, and {Size(available)} is available; " +
             $"choose fewer {(grid ? "seeds, settings or " : "")}epochs{(deadEvery == 1 && hiddenUnits > 64 ? ", or measure dead neurons less often (--dead-every)" : "")}");
    }

    /// <summary>
    /// Refuses a generated table that would not fit in memory: every value is held as a double and as its text
    /// (about 8 + 24 bytes) until the file is written.
    /// </summary>
    public static void TableFits(int rows, int columns)
    {
        double bytes = (double)rows * columns * 32;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > 0.8 * available)
            Fail($"--rows {rows}: {Count((double)rows * columns)} values need about {Size(bytes)} to generate, and {Size(available)} is available; choose fewer rows");
    }

    private static string Count(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Size(double bytes)
        => bytes >= 1e12 ? (bytes / 1e12).ToString("0.#", CultureInfo.InvariantCulture) + " TB"
            : bytes >= 1e9 ? (bytes / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + " GB"
            : (bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    private static string Show(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static void Fail(string message) => throw CliException.Usage(message);
}
