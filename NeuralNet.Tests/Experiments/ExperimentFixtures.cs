using System.Globalization;
using NeuralNet.Core.Data;
using NeuralNet.Core.Datasets;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Experiments;

/// <summary>Small data tables and grids for the experiment tests.</summary>
internal static class ExperimentFixtures
{
    /// <summary>A generated data set as the table the CSV reader gives (written to a temporary file and read back).</summary>
    public static DataTable Table(string name, int rows, long seed, int features = 2)
    {
        var data = SyntheticDatasets.Generate(name, rows, 0.1, seed, features);
        string path = Path.Combine(Path.GetTempPath(), $"nn-fixture-{Guid.NewGuid():N}.csv");
        try
        {
            var lines = new List<string> { string.Join(",", [.. data.FeatureNames, data.TargetName]) };
            for (int r = 0; r < data.Rows; r++)
                lines.Add(string.Join(",", data.Features[r].Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "," +
                          (data.Labels is { } labels ? labels[r] : data.Values![r].ToString("R", CultureInfo.InvariantCulture)));
            File.WriteAllLines(path, lines);
            return CsvTableReader.Read(path);
        }
        finally { File.Delete(path); }
    }

    /// <summary>Two-moons classification rows (target "label").</summary>
    public static ExperimentData Moons(int rows, long seed) => new(Table("moons", rows, seed));

    /// <summary>The template spec of the tests' grids.</summary>
    public static TrainingSpec Spec(int epochs = 5, int batch = 16, double validation = 0.25, string target = "label")
        => new() { Target = target, Hidden = [8, 8], Optimizer = "adam", LearningRate = 0.01, Epochs = epochs, BatchSize = batch, ValidationSplit = validation };

    /// <summary>relu, leaky-relu and prelu × seeds 1–3, on one hold-out split of seed 1.</summary>
    public static IReadOnlyList<RunSettings> Grid(TrainingSpec? template = null, int seeds = 3, IReadOnlyList<DataSample>? samples = null)
    {
        var spec = template ?? Spec();
        return new ExperimentGrid([("relu", null), ("leaky-relu", null), ("prelu", null)], [], [], [], [], seeds, 1,
            samples ?? ExperimentGrid.SamplesOf(null, null, spec.ValidationSplit, 1)).Expand(spec);
    }
}
