using System.Buffers.Binary;

namespace NeuralNet.Core.Models;

/// <summary>Encodes parameter values as <see cref="TensorDocument"/> blocks and back, bit for bit.</summary>
public static class TensorCodec
{
    /// <summary>The element type of float32 blocks.</summary>
    public const string Float32 = "float32";

    /// <summary>The element type of float64 blocks.</summary>
    public const string Float64 = "float64";

    /// <summary>The dtype that stores a network of <paramref name="precision"/> ("float" or "double") exactly.</summary>
    public static string DtypeOf(string precision) => precision == "double" ? Float64 : Float32;

    /// <summary>Encodes <paramref name="values"/>; a float32 block narrows each value, which is exact for a float network.</summary>
    public static TensorDocument Encode(ReadOnlySpan<double> values, IReadOnlyList<int> shape, string dtype)
    {
        int size = dtype == Float64 ? 8 : 4;
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            if (size == 8) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
            else BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)values[i]);
        }
        return new TensorDocument(dtype, shape, Convert.ToBase64String(bytes));
    }

    /// <summary>Decodes a block whose shape must be <paramref name="shape"/>.</summary>
    /// <param name="tensor">The block.</param>
    /// <param name="name">Its parameter name, for messages.</param>
    /// <param name="shape">The shape the network needs.</param>
    /// <exception cref="ArgumentException">On a wrong dtype, shape or length, bad base64 or a non-finite value, naming the parameter.</exception>
    public static double[] Decode(TensorDocument tensor, string name, IReadOnlyList<int> shape)
    {
        if (tensor.Dtype is not (Float32 or Float64)) throw new ArgumentException($"parameter '{name}' has dtype '{tensor.Dtype}'; expected {Float32} or {Float64}");
        if (tensor.Shape is null || !tensor.Shape.SequenceEqual(shape))
            throw new ArgumentException($"parameter '{name}' has shape [{string.Join(", ", tensor.Shape ?? [])}]; the network needs [{string.Join(", ", shape)}]");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(tensor.Data ?? ""); }
        catch (FormatException) { throw new ArgumentException($"parameter '{name}' is not valid base64"); }
        int size = tensor.Dtype == Float64 ? 8 : 4;
        long count = shape.Aggregate(1L, (a, d) => a * d);
        if (bytes.Length != count * size) throw new ArgumentException($"parameter '{name}' has {bytes.Length} bytes; [{string.Join(", ", shape)}] of {tensor.Dtype} needs {count * size}");
        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = size == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8)) : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
            if (!double.IsFinite(values[i])) throw new ArgumentException($"parameter '{name}' has a non-finite value");
        }
        return values;
    }
}
