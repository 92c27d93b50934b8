using System.CommandLine;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Training.Losses;
using NeuralNet.Cli.Reporting;

namespace NeuralNet.Cli.Commands;

/// <summary>Options shared by several commands (reading CSV files, verbosity), and helpers to read them.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Delimiter { get; } = new("--delimiter")
    {
        Description = "CSV field delimiter: ',', ';', '|' or 'tab' [default: detected from the file]",
    };

    public Option<string?> Culture { get; } = new("--culture")
    {
        Description = "Culture for parsing numbers, e.g. de-DE for 1,5 [default: invariant, 1.5]",
    };

    public Option<string> Missing { get; } = new Option<string>("--missing")
    {
        Description = "Missing values (empty, NA, N/A, NaN, null, ?): error names file:line and column; drop leaves the rows out; mean fills numbers with the training mean",
        DefaultValueFactory = _ => "error",
    }.AcceptOnlyFromAmong("error", "drop", "mean");

    /// <summary>train and experiment: how numeric features are scaled (the names are Core's <see cref="FeatureScaling"/> registry).</summary>
    public Option<string> Scale { get; } = new Option<string>("--scale")
    {
        Description = "Numeric features, fitted on the training split: standard (x − mean) / std; minmax (x − min) / (max − min), to [0, 1]; none, the raw values",
        DefaultValueFactory = _ => FeatureScaling.StandardName,
    }.AcceptOnlyFromAmong([.. FeatureScaling.Names]);

    /// <summary>train and experiment: the loss ("auto" infers it from the task).</summary>
    public Option<string> Loss { get; } = new Option<string>("--loss")
    {
        Description = "Loss; auto infers it: softmax-cross-entropy for classes, binary-cross-entropy for two classes, mse for regression",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong(["auto", .. LossRegistry.Names]);

    /// <summary>train and experiment: the output activation ("auto" infers it from the loss).</summary>
    public Option<string> Output { get; } = new Option<string>("--output")
    {
        Description = "Output activation; auto infers it from the loss: softmax, sigmoid or identity",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong("auto", "softmax", "sigmoid", "identity", "tanh");

    /// <summary>train and experiment: the dormant-unit threshold τ of the dead-neuron statistics and of --recycle dormant.</summary>
    public Option<double> DormantTau { get; } = new("--dormant-tau")
    {
        Description = "A unit is dormant when E|h| ≤ τ × its layer's mean E|h| (Sokar et al. 2023); dead ReLU units have score 0",
        DefaultValueFactory = _ => Core.Diagnostics.DeadNeuronOptions.DefaultDormantTau,
    };

    public Option<string?> MaxFileSize { get; } = new("--max-file-size")
    {
        Description = "Refuse CSV files larger than this, in bytes or with K, M or G (binary units); the whole file is held in memory [default: none; a file that will not fit in memory is refused before reading]",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the final line" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print more: column encodings, per-layer dead counts on every epoch line" };

    /// <summary>Adds the CSV options to <paramref name="command"/>.</summary>
    public void AddCsvOptions(Command command)
    {
        command.Options.Add(Delimiter);
        command.Options.Add(Culture);
        command.Options.Add(Missing);
        command.Options.Add(MaxFileSize);
    }

    /// <summary>The --max-file-size limit in bytes.</summary>
    public long GetMaxFileBytes(ParseResult r)
    {
        string? text = r.GetValue(MaxFileSize)?.Trim();
        if (string.IsNullOrEmpty(text)) return CsvTableReader.DefaultMaxBytes;
        int shift = char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        string number = shift > 0 ? text[..^1] : text;
        if (!long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) || n <= 0 || n > (long.MaxValue >> shift))
            throw CliException.Usage($"--max-file-size expects a positive size such as 800M, 2G or 1000000 (bytes); received '{text}'");
        return n << shift;
    }

    /// <summary>Adds --quiet and --verbose; <paramref name="verbose"/> says what --verbose adds, when not the epoch-line detail of training.</summary>
    public void AddVerbosityOptions(Command command, string? verbose = null)
    {
        if (verbose is not null) Verbose.Description = verbose;
        command.Options.Add(Quiet);
        command.Options.Add(Verbose);
    }

    public char? GetDelimiter(ParseResult r) => r.GetValue(Delimiter) switch
    {
        null or "" => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } d when d[0] is ',' or ';' or '|' or ' ' or ':' => d[0],
        var d => throw CliException.Usage($"--delimiter expects one of ',', ';', '|' or 'tab'; received '{d}'"),
    };

    public MissingPolicy GetMissing(ParseResult r) => r.GetValue(Missing) switch
    {
        "drop" => MissingPolicy.Drop,
        "mean" => MissingPolicy.Mean,
        _ => MissingPolicy.Error,
    };

    public Verbosity GetVerbosity(ParseResult r)
    {
        bool quiet = r.GetValue(Quiet), verbose = r.GetValue(Verbose);
        if (quiet && verbose) throw CliException.Usage("--quiet and --verbose cannot be used together");
        return quiet ? Verbosity.Quiet : verbose ? Verbosity.Verbose : Verbosity.Normal;
    }

    /// <summary>Splits list values given as "64,32", "64 32" or repeated options.</summary>
    public static IReadOnlyList<string> SplitList(IEnumerable<string>? values)
        => (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
