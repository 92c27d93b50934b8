using NeuralNet.Core.Models;
using System.Globalization;
using NeuralNet.Core.Data;
using NeuralNet.Cli.Persistence;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core.Datasets;

namespace NeuralNet.Cli.Workflows;

/// <summary><c>neuralnet generate NAME OUT.csv</c>: write a seeded synthetic dataset as CSV (atomically).</summary>
public static class GenerateWorkflow
{
    /// <summary>Generates and writes the dataset; returns the exit code.</summary>
    public static int Run(string name, string outPath, int rows, double noise, long seed, int features, Reporter reporter)
    {
        OptionRules.Positive("--rows", rows);
        OptionRules.Positive("--features", features);
        if (!(noise >= 0) || !double.IsFinite(noise)) throw CliException.Usage($"--noise must be a finite number ≥ 0; received {noise}");
        OutputPaths.Check([], ("output", outPath));
        OptionRules.TableFits(rows, features + 1);
        var data = SyntheticDatasets.Generate(name, rows, noise, seed, features);
        var header = data.FeatureNames.Append(data.TargetName).ToList();
        var lines = Enumerable.Range(0, data.Rows).Select(i => (IReadOnlyList<string>)data.Features[i]
            .Select(v => v.ToString("R", CultureInfo.InvariantCulture))
            .Append(data.Labels?[i] ?? data.Values![i].ToString("R", CultureInfo.InvariantCulture)).ToList());
        AtomicFile.WriteText(outPath, writer => CsvTableWriter.Write(writer, header, lines));
        reporter.Line($"wrote {outPath}: {data.Rows} rows, {data.FeatureNames.Count} features, target '{data.TargetName}' " +
                      $"({(data.IsClassification ? "classes " + string.Join("/", data.Labels!.Distinct().Order()) : "regression")}), seed {seed}");
        return ExitCodes.Ok;
    }
}
