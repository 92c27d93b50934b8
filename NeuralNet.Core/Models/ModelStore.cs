using System.Text.Json;

namespace NeuralNet.Core.Models;

/// <summary>Saves and loads model files (System.Text.Json, source-generated); saving is atomic.</summary>
public static class ModelStore
{

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ModelFileException">If a value is not finite or the file cannot be written.</exception>
    public static void Save(string path, ModelDocument model)
    {
        foreach (var layer in model.Layers)
            if (layer.Weights.Any(row => row.Any(v => !double.IsFinite(v))) || layer.Bias.Any(v => !double.IsFinite(v)))
                throw new ModelFileException($"{path}: refusing to save a model with non-finite weights");
        byte[] json = Serialize(model);
        AtomicFile.Write(path, stream => stream.Write(json));
    }

    /// <summary>The bytes of the model file of <paramref name="model"/>.</summary>
    internal static byte[] Serialize(ModelDocument model)
        => JsonFileEscaping.Write(ParameterBlocks.ToFile(model), ModelWriteJsonContext.Default.ModelDocument);

    /// <summary>Reads a model file.</summary>
    /// <exception cref="ModelFileException">If the file is missing, is not a model file, or has an unknown schema version.</exception>
    public static ModelDocument Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException($"{path}: model file not found");
        byte[] bytes = BoundedFile.ReadAll(path, "model file");
        try
        {
            var header = JsonSerializer.Deserialize(bytes, ModelJsonContext.Default.ModelHeader);
            if (header?.Format != ModelDocument.FormatName)
                throw new ModelFileException($"{path}: not a neuralnet model file (expected \"format\": \"{ModelDocument.FormatName}\")");
            if (header.SchemaVersion is not { } version || version < ModelDocument.OldestSchemaVersion || version > ModelDocument.CurrentSchemaVersion)
                throw new ModelFileException(
                    $"{path}: model schema version {header.SchemaVersion?.ToString() ?? "(none)"} is not supported; this tool reads versions {ModelDocument.OldestSchemaVersion} to {ModelDocument.CurrentSchemaVersion}", path);
            var doc = JsonSerializer.Deserialize(bytes, ModelJsonContext.Default.ModelDocument)
                      ?? throw new ModelFileException($"{path}: not a neuralnet model file", path);
            if (version >= 2)
            {
                try { doc = ParameterBlocks.FromFile(doc); }
                catch (ArgumentException e) { throw new ModelFileException($"{path}: the model file is inconsistent ({e.Message})", path); }
            }
            if (ModelValidator.Problem(doc) is { } problem) throw new ModelFileException($"{path}: the model file is inconsistent ({problem})");
            var (numbers, chars) = ModelValidator.Size(doc);
            BoundedFile.CheckFits(path, "model file", bytes.Length, numbers, chars);
            return doc;
        }
        catch (JsonException e)
        {
            throw new ModelFileException($"{path}: not a neuralnet model file ({JsonErrors.Describe(e)})");
        }
    }

}
