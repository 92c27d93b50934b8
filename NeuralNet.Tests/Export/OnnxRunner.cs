using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NeuralNet.Tests.Export;

/// <summary>Runs an exported model with ONNX Runtime: the only file that touches it.</summary>
internal static class OnnxRunner
{
    /// <summary>What one run returned: every float output as rows × columns, every int64 output flat, and the metadata.</summary>
    public sealed record Result(IReadOnlyDictionary<string, float[,]> Floats, IReadOnlyDictionary<string, long[]> Longs,
        IReadOnlyDictionary<string, string> Metadata);

    /// <summary>Feeds <paramref name="features"/> (rows × columns) to the model's <c>features</c> input.</summary>
    public static Result Run(string modelPath, float[,] features) => Run(modelPath, features, new Dictionary<string, string[]>());

    /// <summary>
    /// Feeds <paramref name="features"/> (rows × columns, or null for a model without numeric columns) to <c>features</c>
    /// and each of <paramref name="texts"/> (one value per row) to the string input [N, 1] of that name.
    /// </summary>
    public static Result Run(string modelPath, float[,]? features, IReadOnlyDictionary<string, string[]> texts)
    {
        using var session = new InferenceSession(modelPath);
        var inputs = new List<NamedOnnxValue>();
        if (features is not null)
        {
            int rows = features.GetLength(0), columns = features.GetLength(1);
            var flat = new float[rows * columns];
            Buffer.BlockCopy(features, 0, flat, 0, flat.Length * sizeof(float));
            inputs.Add(NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(flat, [rows, columns])));
        }
        foreach (var (name, values) in texts)
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(values, [values.Length, 1])));
        using var outputs = session.Run(inputs);
        var floats = new Dictionary<string, float[,]>();
        var longs = new Dictionary<string, long[]>();
        foreach (var output in outputs)
        {
            if (output.Value is Tensor<float> f)
            {
                var m = new float[f.Dimensions[0], f.Dimensions.Length > 1 ? f.Dimensions[1] : 1];
                for (int i = 0; i < m.GetLength(0); i++)
                    for (int j = 0; j < m.GetLength(1); j++) m[i, j] = f.Dimensions.Length > 1 ? f[i, j] : f[i];
                floats[output.Name] = m;
            }
            else if (output.Value is Tensor<long> l) longs[output.Name] = l.ToArray();
        }
        return new Result(floats, longs, session.ModelMetadata.CustomMetadataMap);
    }
}
