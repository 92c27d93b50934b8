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
    public static Result Run(string modelPath, float[,] features)
    {
        using var session = new InferenceSession(modelPath);
        int rows = features.GetLength(0), columns = features.GetLength(1);
        var flat = new float[rows * columns];
        Buffer.BlockCopy(features, 0, flat, 0, flat.Length * sizeof(float));
        var input = new DenseTensor<float>(flat, [rows, columns]);
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("features", input)]);
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
