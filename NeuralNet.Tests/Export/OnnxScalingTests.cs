using NeuralNet.Core.Data;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>
/// A model trained with <c>--scale minmax</c> or <c>--scale none</c> exports its own offsets and scales: ONNX Runtime,
/// fed the raw columns, gives <see cref="Model.Predict(float[][])"/>'s outputs.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class OnnxScalingTests
{
    // As in OnnxExportTests: a float graph against the tool's network, the sums in another order.
    private const double Tolerance = 1e-5;

    [TestCase("iris", "species", "minmax")]
    [TestCase("iris", "species", "none")]
    [TestCase("diabetes", "progression", "minmax")]
    [TestCase("diabetes", "progression", "none")]
    public void OnnxRuntime_ReproducesModelPredict(string dataset, string target, string scaling)
    {
        using var h = new CliHarness();
        string data = OnnxExportTests.DataPath(dataset), model = h.PathOf("model.json"), onnx = h.PathOf("model.onnx");
        var train = CliHarness.Run("train", data, "-t", target, "--scale", scaling, "--hidden", "8,6", "-e", "2", "--seed", "7", "-q", "-o", model);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        var loaded = Model.Load(model);
        Assert.That(loaded.Features.Select(f => f.Scaling), Is.All.EqualTo(scaling));
        loaded.ExportOnnx(onnx);

        var table = CsvTableReader.Read(data);
        var columns = loaded.Features.Select(f => (NumericColumn)table.Data[table.IndexOf(f.Name)]).ToArray();
        float[][] rows = Enumerable.Range(0, table.RowCount).Select(r => columns.Select(c => (float)c[r]).ToArray()).ToArray();
        var features = new float[rows.Length, columns.Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < columns.Length; j++) features[i, j] = rows[i][j];

        var expected = loaded.Predict(rows);
        var result = OnnxRunner.Run(onnx, features);

        for (int i = 0; i < rows.Length; i++)
        {
            if (loaded.Target.IsClassification)
            {
                var p = result.Floats["probabilities"];
                for (int c = 0; c < expected[i].Probabilities.Count; c++)
                    Assert.That(p[i, c], Is.EqualTo(expected[i].Probabilities[c]).Within(Tolerance), $"row {i}, class {c}");
            }
            else
            {
                // The value is z·std + mean in target units: 1e-5 relative to the magnitude of those terms.
                double magnitude = Math.Max(1, Math.Abs(expected[i].Value - loaded.Target.Mean) + Math.Abs(loaded.Target.Mean));
                Assert.That(result.Floats["prediction"][i, 0], Is.EqualTo(expected[i].Value).Within(Tolerance * magnitude), $"row {i}");
            }
        }
    }
}
