using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>No output path may destroy an input or another output, and an unwritable one is found before any work.</summary>
public class OutputPathTests
{
    private string _dir = "";
    private string _data = "";
    private string _dataText = "";

    [SetUp]
    public void CreateData()
    {
        _dir = Directory.CreateTempSubdirectory("nn-outputs").FullName;
        _data = F("d.csv");
        Assert.That(Run("generate", "moons", _data, "--rows", "60", "--seed", "1").Code, Is.EqualTo(ExitCodes.Ok));
        _dataText = File.ReadAllText(_data);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private string F(string name) => Path.Combine(_dir, name);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NeuralNet.Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private (int Code, string Out, string Err) Train(params string[] extra)
        => Run(["train", _data, "--target", "label", "--epochs", "1", "--hidden", "4", "--seed", "1", "--quiet", .. extra]);

    private void AssertRefused((int Code, string Out, string Err) result, int code, string message)
    {
        Assert.That(result.Code, Is.EqualTo(code), result.Err);
        Assert.That(result.Err.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
        Assert.That(result.Err, Does.StartWith("error: ").And.Contain(message));
        Assert.That(File.ReadAllText(_data), Is.EqualTo(_dataText), "the input is untouched");
    }

    [TestCase("--out")]
    [TestCase("--metrics-csv")]
    [TestCase("--checkpoint")]
    [TestCase("--plot")]
    public void Train_AnOutputNamingTheInputData_IsRefused(string option)
        => AssertRefused(Train(option, _data), ExitCodes.Usage, "is also an input");

    [Test]
    public void Train_OutputOnTheValidationFile_IsRefused()
    {
        string validation = F("v.csv");
        File.Copy(_data, validation);
        AssertRefused(Train("--validation-file", validation, "--out", validation), ExitCodes.Usage, "is also an input (" + validation);
    }

    [Test]
    public void Train_TwoOutputsOnOnePath_AreRefused_AndNoModelIsWritten()
    {
        AssertRefused(Train("--out", F("m.json"), "--metrics-csv", F("m.json")), ExitCodes.Usage, "--metrics-csv " + F("m.json") + ": is also the path of --out");
        Assert.That(File.Exists(F("m.json")), Is.False);
    }

    [Test]
    public void Train_ALinkToTheInput_IsSeenThrough()
    {
        File.CreateSymbolicLink(F("link.csv"), _data);
        AssertRefused(Train("--out", F("link.csv")), ExitCodes.Usage, "is also an input");
    }

    [Test]
    public void Train_OutputThatIsALink_IsRefused_AndTheLinkStays()
    {
        File.WriteAllText(F("elsewhere.json"), "keep");
        File.CreateSymbolicLink(F("m.json"), F("elsewhere.json"));
        AssertRefused(Train("--out", F("m.json")), ExitCodes.Data, "is a symbolic link");
        Assert.That(new FileInfo(F("m.json")).LinkTarget, Is.Not.Null);
        Assert.That(File.ReadAllText(F("elsewhere.json")), Is.EqualTo("keep"));
    }

    [Test]
    public void Train_OutputThatIsADevice_IsRefused()
    {
        Assume.That(OperatingSystem.IsLinux(), "character devices as /dev/null");
        AssertRefused(Train("--out", "/dev/null"), ExitCodes.Data, "is a character device");
    }

    [Test]
    public void Train_UnwritableOrMissingFolderForASecondaryOutput_IsFoundBeforeTraining()
    {
        AssertRefused(Train("--out", F("m.json"), "--metrics-csv", F("no/such/folder/m.csv")), ExitCodes.Data, "does not exist");
        Assert.That(File.Exists(F("m.json")), Is.False, "nothing was trained or written");
    }

    [Test]
    public void Train_EmptyPaths_AreUsageErrors()
    {
        AssertRefused(Train("--out", ""), ExitCodes.Usage, "--out: the path is empty");
        AssertRefused(Train("--plot", ""), ExitCodes.Usage, "--plot: the path is empty");
        AssertRefused(Run("generate", "xor", ""), ExitCodes.Usage, "the path is empty");
    }

    [Test]
    public void Predict_OutOnTheModel_IsRefused_AndTheModelStays()
    {
        Assert.That(Train("--out", F("m.json")).Code, Is.EqualTo(ExitCodes.Ok));
        string model = File.ReadAllText(F("m.json"));
        AssertRefused(Run("predict", F("m.json"), _data, "--out", F("m.json")), ExitCodes.Usage, "is also an input");
        AssertRefused(Run("predict", F("m.json"), _data, "--out", _data), ExitCodes.Usage, "is also an input");
        Assert.That(File.ReadAllText(F("m.json")), Is.EqualTo(model));
    }

    [Test]
    public void Experiment_OutputsOnTheInputOrEachOther_AreRefused()
    {
        string[] grid = ["experiment", _data, "--target", "label", "--activations", "relu", "--seeds", "1", "--epochs", "1", "--hidden", "4"];
        AssertRefused(Run([.. grid, "--out-csv", _data]), ExitCodes.Usage, "is also an input");
        AssertRefused(Run([.. grid, "--out-csv", F("x"), "--markdown", F("x")]), ExitCodes.Usage, "is also the path of --out-csv");
        AssertRefused(Run([.. grid, "--plot", F("missing/p.png")]), ExitCodes.Data, "does not exist");
    }
}
