using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NeuralNet.Core.Models;

/// <summary>
/// How the tool's own JSON files (models, checkpoints) are escaped: relaxed. Their tensors are base64, which holds '+'
/// about once in 64 characters, and the default encoder writes '+' as six (\u002B). The files are read as JSON and never
/// embedded in HTML, so nothing in them needs HTML-safe escaping.
/// </summary>
public static class JsonFileEscaping
{
    /// <summary>
    /// <paramref name="value"/> as indented UTF-8 JSON with relaxed escaping, by the source-generated serialization code
    /// of <paramref name="typeInfo"/>: the escaping is the writer's, so the generated code's options stay its own and
    /// its fast path applies (a context generated for serialization only has no other).
    /// </summary>
    public static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true }))
            JsonSerializer.Serialize(writer, value, typeInfo);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The same serialization as <paramref name="typeInfo"/> (a source-generated one), with relaxed escaping.</summary>
    public static JsonTypeInfo<T> Relaxed<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var options = new JsonSerializerOptions(typeInfo.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
