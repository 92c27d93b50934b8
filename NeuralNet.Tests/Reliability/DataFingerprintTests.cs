using System.Security.Cryptography;
using NeuralNet.Cli;
using NeuralNet.Cli.Persistence;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Reliability;

/// <summary>The data's fingerprint: hashed beside the read, or only when asked for (a run that trains nothing).</summary>
public class DataFingerprintTests
{
    private TempFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [TestCase(true)]
    [TestCase(false)]
    public void Finish_IsTheSha256OfTheFile_HashedNowOrWhenAsked(bool now)
    {
        string path = _files.Write("d.csv", "a,b\n1,2\n3,4\n");

        var fingerprint = DataFingerprint.Start([path], now);

        Assert.That(fingerprint.Finish(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AFileChangedAfterTheStart_IsRefused_WithOrWithoutAHash(bool now)
    {
        string path = _files.Write("d.csv", "a,b\n1,2\n3,4\n");
        var fingerprint = DataFingerprint.Start([path], now);
        File.AppendAllText(path, "5,6\n");

        var unchanged = Assert.Throws<CliException>(fingerprint.CheckUnchanged)!;
        var finish = Assert.Throws<CliException>(() => fingerprint.Finish())!;

        Assert.That(unchanged.Message, Does.Contain("the file changed while it was read"));
        Assert.That(finish.Message, Is.EqualTo(unchanged.Message));
    }
}
