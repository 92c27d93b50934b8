using System.Text;

namespace NeuralNet.Tests.Data;

/// <summary>A temporary folder for the CSV files of one test, deleted afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nn-data-").FullName;

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte order mark) and returns the path.</summary>
    public string Write(string name, string text) => WriteBytes(name, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes raw bytes and returns the path.</summary>
    public string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A path in the folder.</summary>
    public string PathOf(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
