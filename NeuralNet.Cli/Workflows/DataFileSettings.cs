using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Reporting;

namespace NeuralNet.Cli.Workflows;

/// <summary>Settings shared by the commands that apply a saved model to a CSV file (evaluate, predict, inspect).</summary>
/// <param name="ModelPath">The model file.</param>
/// <param name="DataPath">The CSV file, or null (inspect without data).</param>
/// <param name="Delimiter">CSV delimiter, or null to detect.</param>
/// <param name="Culture">Culture for numbers, or null for invariant.</param>
/// <param name="Missing">Missing-value policy.</param>
/// <param name="Verbosity">How much to print.</param>
/// <param name="Json">Print a JSON report instead of text.</param>
/// <param name="OutPath">Output file (predict), or null for stdout.</param>
public sealed record DataFileSettings(
    string ModelPath, string? DataPath, char? Delimiter, string? Culture, MissingPolicy Missing, Verbosity Verbosity, bool Json, string? OutPath)
{
    /// <summary>CSV files larger than this are refused before reading (--max-file-size).</summary>
    public long MaxFileBytes { get; init; } = CsvTableReader.DefaultMaxBytes;
}
