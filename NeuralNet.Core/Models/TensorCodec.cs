using System.Buffers.Binary;
using System.Numerics;

namespace NeuralNet.Core.Models;

/// <summary>
/// Encodes values as <see cref="TensorDocument"/> blocks and back, bit for bit: parameters and optimizer buffers as
/// float32 or float64, and the integer state of a checkpoint (row order, step count, generator words) as int32, int64
/// or uint64, all little-endian, as safetensors stores them.
/// </summary>
public static class TensorCodec
{
    /// <summary>The element type of float32 blocks.</summary>
    public const string Float32 = "float32";

    /// <summary>The element type of float64 blocks.</summary>
    public const string Float64 = "float64";

    /// <summary>The element type of 32-bit signed integer blocks (a checkpoint's row order).</summary>
    public const string Int32 = "int32";

    /// <summary>The element type of 64-bit signed integer blocks (an optimizer's step count).</summary>
    public const string Int64 = "int64";

    /// <summary>The element type of 64-bit unsigned integer blocks (the random-number generator's state words).</summary>
    public const string UInt64 = "uint64";

    /// <summary>The dtype that stores a network of <paramref name="precision"/> ("float" or "double") exactly.</summary>
    public static string DtypeOf(string precision) => precision == "double" ? Float64 : Float32;

    /// <summary>The integer dtype of <typeparamref name="T"/>: int32, int64 or uint64.</summary>
    /// <exception cref="NotSupportedException">For another integer type.</exception>
    public static string IntegerDtypeOf<T>() where T : IBinaryInteger<T>
        => typeof(T) == typeof(int) ? Int32
            : typeof(T) == typeof(long) ? Int64
            : typeof(T) == typeof(ulong) ? UInt64
            : throw new NotSupportedException($"No block dtype for {typeof(T).Name}; expected int, long or ulong.");

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

    /// <summary>Encodes integers as a block of <see cref="IntegerDtypeOf{T}"/>.</summary>
    /// <exception cref="NotSupportedException">For an integer type other than int, long or ulong.</exception>
    public static TensorDocument EncodeIntegers<T>(ReadOnlySpan<T> values, IReadOnlyList<int> shape) where T : IBinaryInteger<T>
    {
        string dtype = IntegerDtypeOf<T>();
        int size = SizeOf(dtype);
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++) values[i].WriteLittleEndian(bytes, i * size);
        return new TensorDocument(dtype, shape, Convert.ToBase64String(bytes));
    }

    /// <summary>Decodes a float block whose shape must be <paramref name="shape"/>.</summary>
    /// <param name="tensor">The block.</param>
    /// <param name="name">Its parameter name, for messages.</param>
    /// <param name="shape">The shape the network needs.</param>
    /// <param name="dtype">The dtype the block must have (<see cref="DtypeOf"/> of the precision), or null for either float dtype.</param>
    /// <exception cref="ArgumentException">On a wrong dtype, shape or length, bad base64 or a non-finite value, naming the parameter.</exception>
    public static double[] Decode(TensorDocument tensor, string name, IReadOnlyList<int> shape, string? dtype = null)
    {
        if (tensor.Dtype is not (Float32 or Float64)) throw new ArgumentException($"parameter '{name}' has dtype '{tensor.Dtype}'; expected {dtype ?? $"{Float32} or {Float64}"}");
        if (dtype is not null && tensor.Dtype != dtype) throw new ArgumentException($"parameter '{name}' is {tensor.Dtype} but the precision it was trained in needs {dtype}");
        byte[] bytes = Bytes(tensor, name, shape);
        int size = SizeOf(tensor.Dtype);
        var values = new double[bytes.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = size == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8)) : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
            if (!double.IsFinite(values[i])) throw new ArgumentException($"parameter '{name}' has a non-finite value");
        }
        return values;
    }

    /// <summary>Decodes an integer block of <see cref="IntegerDtypeOf{T}"/> whose shape must be <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">On a wrong dtype, shape or length or bad base64, naming the parameter.</exception>
    /// <exception cref="NotSupportedException">For an integer type other than int, long or ulong.</exception>
    public static T[] DecodeIntegers<T>(TensorDocument tensor, string name, IReadOnlyList<int> shape) where T : IBinaryInteger<T>
    {
        string dtype = IntegerDtypeOf<T>();
        if (tensor.Dtype != dtype) throw new ArgumentException($"parameter '{name}' has dtype '{tensor.Dtype}'; expected {dtype}");
        byte[] bytes = Bytes(tensor, name, shape);
        int size = SizeOf(dtype);
        var values = new T[bytes.Length / size];
        for (int i = 0; i < values.Length; i++) values[i] = T.ReadLittleEndian(bytes.AsSpan(i * size, size), isUnsigned: dtype == UInt64);
        return values;
    }

    /// <summary>The block's bytes, once its shape is <paramref name="shape"/> and its data is base64 of exactly that many values.</summary>
    private static byte[] Bytes(TensorDocument tensor, string name, IReadOnlyList<int> shape)
    {
        if (tensor.Shape is null || !tensor.Shape.SequenceEqual(shape))
            throw new ArgumentException($"parameter '{name}' has shape {Format(tensor.Shape)}; the network needs {Format(shape)}");
        long count = 1;
        foreach (int d in shape)
        {
            count = d < 0 ? -1 : Math.Min(count * d, (long)Array.MaxLength + 1); // both factors are at most 2^31: no overflow
            if (count < 0) break;
        }
        if (count < 0 || count > Array.MaxLength / 8)
            throw new ArgumentException($"parameter '{name}' has shape {Format(shape)}: a dimension is negative or it holds more than {Array.MaxLength / 8} values");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(tensor.Data ?? ""); }
        catch (FormatException) { throw new ArgumentException($"parameter '{name}' is not valid base64"); }
        int size = SizeOf(tensor.Dtype);
        if (bytes.Length != count * size) throw new ArgumentException($"parameter '{name}' has {bytes.Length} bytes; {Format(shape)} of {tensor.Dtype} needs {count * size}");
        return bytes;
    }

    private static int SizeOf(string dtype) => dtype is Float64 or Int64 or UInt64 ? 8 : 4;

    private static string Format(IReadOnlyList<int>? shape) => $"[{string.Join(", ", shape ?? [])}]";
}
