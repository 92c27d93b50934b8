using System.Globalization;
using NeuralNet.Core.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>
/// Models with text (one-hot) columns export too: each text column is a string input [N, 1] of its own, one-hot
/// encoded in the graph, and ONNX Runtime's outputs equal <see cref="Model.Predict(string)"/>'s, including for a
/// category the model never saw (all zeros in both).
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class OnnxTextColumnTests
{
    private const double Tolerance = 1e-5;
    private static readonly string[] Colours = ["red", "blue", "green"];
    private static readonly string[] Shapes = ["disc", "square"];

    /// <summary>Rows of x, colour, y, shape and a target, with numeric columns on both sides of the text columns.</summary>
    private static (string Csv, float[,] Numbers, string[] Colour, string[] Shape) Data(int rows, string task, bool unseen, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string> { "x,colour,y,shape,target" };
        var numbers = new float[rows, 2];
        string[] colour = new string[rows], shape = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            float x = (float)Math.Round(random.NextDouble() * 4 - 2, 3), y = (float)Math.Round(random.NextDouble() * 10, 3);
            colour[i] = unseen && i % 5 == 0 ? "purple" : Colours[random.Next(Colours.Length)];
            shape[i] = Shapes[random.Next(Shapes.Length)];
            int c = Array.IndexOf(Colours, colour[i]);
            string target = task switch
            {
                "binary" => x + c > 0.5 ? "yes" : "no",
                "multiclass" => c < 0 ? "k0" : $"k{c}",
                _ => (x * 3 + c + (shape[i] == "disc" ? 1 : 0) + y / 10).ToString("R", CultureInfo.InvariantCulture),
            };
            (numbers[i, 0], numbers[i, 1]) = (x, y);
            lines.Add(string.Join(",", x.ToString("R", CultureInfo.InvariantCulture), colour[i], y.ToString("R", CultureInfo.InvariantCulture), shape[i], target));
        }
        return (string.Join("\n", lines) + "\n", numbers, colour, shape);
    }

    [TestCase("binary")]
    [TestCase("multiclass")]
    [TestCase("regression")]
    public void TextColumns_ExportAsStringInputs_AndOnnxRuntimeMatchesPredict(string task)
    {
        using var h = new CliHarness();
        string train = h.Write("train.csv", Data(120, task, unseen: false, seed: 1).Csv);
        var test = Data(40, task, unseen: true, seed: 2);
        string testCsv = h.Write("test.csv", test.Csv);
        string model = h.PathOf("m.json"), onnx = h.PathOf("m.onnx");
        var run = CliHarness.Run("train", train, "-t", "target", "--hidden", "6", "-e", "3", "--seed", "4", "-q", "-o", model);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(CliHarness.Run("export", model, "--out", onnx).ExitCode, Is.Zero);

        var loaded = Model.Load(model);
        Assert.That(loaded.Features.Count(f => !f.IsNumeric), Is.EqualTo(2), "colour and shape are one-hot columns");
        var expected = loaded.Predict(testCsv);
        var result = OnnxRunner.Run(onnx, test.Numbers, new Dictionary<string, string[]> { ["colour"] = test.Colour, ["shape"] = test.Shape });

        Assert.That(result.Metadata["feature_names"], Is.EqualTo("[\"x\",\"y\"]"));
        Assert.That(result.Metadata["text_inputs"], Is.EqualTo("[\"colour\",\"shape\"]"));
        for (int i = 0; i < expected.Count; i++)
        {
            if (task == "regression")
            {
                double magnitude = Math.Max(1, Math.Abs(expected[i].Value));
                Assert.That(result.Floats["prediction"][i, 0], Is.EqualTo(expected[i].Value).Within(Tolerance * magnitude), $"row {i}");
                continue;
            }
            for (int c = 0; c < expected[i].Probabilities.Count; c++)
                Assert.That(result.Floats["probabilities"][i, c], Is.EqualTo(expected[i].Probabilities[c]).Within(Tolerance), $"row {i}, class {c}");
            Assert.That(loaded.Target.Classes[(int)result.Longs["label"][i]], Is.EqualTo(expected[i].Label), $"row {i}");
        }
    }
}
