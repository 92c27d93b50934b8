using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Core.Models;
using NeuralNet.Core.Activations;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>
/// Every dataset in data/ × every rectifier, trained briefly, exported with <c>neuralnet export</c> and run by
/// ONNX Runtime on the raw CSV columns: its outputs must match the tool's own predictions.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class OnnxExportTests
{
    // Float graph vs. the tool's float (or double) network: the sums run in another order, so allow 1e-5. A regression
    // value z·std + mean is a float sum of terms in the hundreds for diabetes, so there 1e-5 is relative to those terms.
    private const double Tolerance = 1e-5;

    private static readonly (string File, string Target)[] Datasets =
    [
        ("iris", "species"), ("wine", "cultivar"), ("breast_cancer", "diagnosis"), ("digits", "digit"), ("diabetes", "progression"),
    ];

    private static readonly string[][] Activations =
    [
        ["-a", "relu"], ["-a", "leaky-relu", "--alpha", "0.05"], ["-a", "prelu"], ["-a", "prelu", "--prelu-mode", "unit"],
        ["-a", "relu,prelu"], // per-layer activations (issue 11): hidden layer 0 ReLU, layer 1 PReLU
    ];

    private static IEnumerable<TestCaseData> Cases()
        => from d in Datasets from a in Activations select new TestCaseData(d.File, d.Target, a).SetArgDisplayNames(d.File, string.Join(" ", a));

    [TestCaseSource(nameof(Cases))]
    public void OnnxRuntimeReproducesThePredictions(string dataset, string target, string[] activation)
    {
        using var h = new CliHarness();
        string data = DataPath(dataset), model = h.PathOf("model.json"), onnx = h.PathOf("model.onnx");
        var train = CliHarness.Run(["train", data, "-t", target, "--hidden", "8,6", "-e", "2", "--seed", "7", "-o", model, .. activation]);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        var export = CliHarness.Run("export", model, "--format", "onnx", "--out", onnx);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());

        var loaded = Model.Load(model);
        if (activation.Contains("unit")) AssertSlopesDiffer(loaded);
        if (activation.Contains("relu,prelu"))
            Assert.That(loaded.Document.Layers.Select(l => l.Activation), Is.EqualTo(new[] { "relu", "prelu", "identity" }));
        var table = CsvTableReader.Read(data);
        var encoded = new DataEncoder(loaded.Features, loaded.Target, ValueParser.Invariant, MissingPolicy.Error).Encode(table, targetRequired: false);
        var expected = loaded.Network.Predict(encoded.Features, loaded.Target.Loss);
        var result = OnnxRunner.Run(onnx, RawFeatures(table, loaded, encoded.SourceRows));

        if (loaded.Target.IsClassification)
        {
            var probabilities = result.Floats["probabilities"];
            var labels = result.Longs["label"];
            Assert.That(probabilities.GetLength(1), Is.EqualTo(loaded.Target.Classes.Count));
            for (int i = 0; i < encoded.Rows; i++)
            {
                // predict's rule: one sigmoid output p means [1 − p, p]; the label is the first most probable class.
                double[] p = expected.ColumnCount == 1 ? [1 - expected[i, 0], expected[i, 0]] : expected.Row(i).ToArray();
                for (int c = 0; c < p.Length; c++) Assert.That(probabilities[i, c], Is.EqualTo(p[c]).Within(Tolerance), $"row {i}, class {c}");
                Assert.That(labels[i], Is.EqualTo(Array.IndexOf(p, p.Max())), $"row {i}");
            }
            Assert.That(result.Metadata["classes"], Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(loaded.Target.Classes)));
        }
        else
        {
            var prediction = result.Floats["prediction"];
            for (int i = 0; i < encoded.Rows; i++)
            {
                double scaled = expected[i, 0] * loaded.Target.Scale, value = scaled + loaded.Target.Mean;
                double magnitude = Math.Max(1, Math.Abs(scaled) + Math.Abs(loaded.Target.Mean));
                Assert.That(prediction[i, 0], Is.EqualTo(value).Within(Tolerance * magnitude), $"row {i}");
            }
        }
    }

    /// <summary>The per-unit case must really carry different slopes, or it would test nothing a shared slope does not.</summary>
    private static void AssertSlopesDiffer(Model model)
    {
        var alphas = model.Network.ParameterNames.Zip(model.Network.ParameterValues()).Where(p => p.First.EndsWith(".alpha")).ToList();
        Assert.That(alphas, Is.Not.Empty);
        Assert.That(alphas.All(a => a.Second.Length > 1 && a.Second.Distinct().Count() > 1), Is.True, "per-unit slopes should have moved apart");
    }

    /// <summary>The model's numeric columns, raw, for the encoded rows: what the graph's <c>features</c> input takes.</summary>
    private static float[,] RawFeatures(DataTable table, Model model, IReadOnlyList<int> rows)
    {
        var result = new float[rows.Count, model.Features.Count];
        for (int j = 0; j < model.Features.Count; j++)
        {
            var column = (NumericColumn)table.Data[table.IndexOf(model.Features[j].Name)];
            for (int i = 0; i < rows.Count; i++)
                result[i, j] = (float)column[rows[i]];
        }
        return result;
    }

    internal static string DataPath(string name) => Path.Combine(Path.GetDirectoryName(CliHarness.IrisPath)!, name + ".csv");
}
