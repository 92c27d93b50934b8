using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

public class ExperimentCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("nn-experiment").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NeuralNet.Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public void Generate_ThenExperiment_WritesOneCsvRowPerRun_AndAChart()
    {
        string data = Path.Combine(_dir, "moons.csv"), runs = Path.Combine(_dir, "runs.csv"), chart = Path.Combine(_dir, "exp.png");
        Assert.That(Run("generate", "moons", data, "--rows", "120", "--seed", "2").Code, Is.EqualTo(ExitCodes.Ok));

        var (code, output, error) = Run("experiment", data, "--target", "label", "--activations", "relu,leaky-relu", "--seeds", "2",
            "--epochs", "3", "--hidden", "8", "--out-csv", runs, "--plot", chart);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(File.ReadAllLines(runs), Has.Length.EqualTo(1 + 2 * 2), "a header and one row per run");
        Assert.That(output, Does.Contain("relu hidden=8").And.Contain("leaky-relu hidden=8"));
        Assert.That(new FileInfo(chart).Length, Is.GreaterThan(0));
    }

    [Test]
    public void Quiet_PrintsOneLine_Verbose_OneMoreLinePerRun()
    {
        // Issue 13: experiment took --quiet and --verbose but printed the same either way.
        string data = Path.Combine(_dir, "moons.csv"), runs = Path.Combine(_dir, "runs.csv");
        Run("generate", "moons", data, "--rows", "120", "--seed", "2");
        string[] grid = ["experiment", data, "--target", "label", "--activation", "relu,leaky-relu", "--seeds", "2", "--epochs", "2", "--hidden", "8"];

        var normal = Run(grid);
        var quiet = Run([.. grid, "--quiet", "--out-csv", runs]);
        var verbose = Run([.. grid, "--verbose"]);

        Assert.That(quiet.Code, Is.EqualTo(ExitCodes.Ok), quiet.Err);
        var line = quiet.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single();
        Assert.That(line, Does.StartWith("4 runs; best ").And.Contain("val_accuracy").And.EndWith($"; wrote {runs}"));
        var normalLines = normal.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var verboseLines = verbose.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(verboseLines.Count(l => l.StartsWith("run ", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(verboseLines, Has.Length.EqualTo(normalLines.Length + 4));
    }

    [Test]
    public void Experiment_WritesTheSummaryTableAsMarkdownAndLatex_OneRowPerSetting()
    {
        string data = Path.Combine(_dir, "moons.csv"), md = Path.Combine(_dir, "table.md"), tex = Path.Combine(_dir, "table.tex");
        Run("generate", "moons", data, "--rows", "120", "--seed", "2");

        var (code, output, error) = Run("experiment", data, "--target", "label", "--activations", "relu,leaky-relu", "--seeds", "2",
            "--epochs", "2", "--hidden", "8", "--markdown", md, "--latex", tex);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        var markdown = File.ReadAllLines(md);
        var rows = markdown.TakeWhile(l => l.StartsWith('|')).ToArray();
        Assert.That(rows, Has.Length.EqualTo(2 + 2), "header, alignment row and one row per setting");
        Assert.That(rows[0], Does.Contain("(mean ± 95% CI)").And.Contain("p t-test (Holm)").And.Contain("p Wilcoxon (Holm)"));
        Assert.That(rows[2], Does.Contain("relu hidden=8").And.Contain("baseline"));
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(data)));
        Assert.That(markdown.Skip(rows.Length).Last(), Does.Contain("neuralnet ").And.Contain(sha).And.Contain("Epochs=2"), "the metadata under the table");
        var latex = File.ReadAllText(tex);
        Assert.That(latex, Does.StartWith("% neuralnet ").And.Contain(sha).And.Contain(@"\begin{tabular}{l").And.Contain(@"\midrule").And.Contain(@"$\pm$"));
        Assert.That(latex.Split(@" \\").Length - 1, Is.EqualTo(1 + 2), "a header row and one row per setting");
        Assert.That(output, Does.Contain("wrote " + md).And.Contain("wrote " + tex));
    }

    [Test]
    public void Train_WithPlot_WritesAPngBesideTheModel()
    {
        string data = Path.Combine(_dir, "c.csv"), model = Path.Combine(_dir, "m.json"), chart = Path.Combine(_dir, "train.png");
        Run("generate", "circles", data, "--rows", "80");

        var (code, output, error) = Run("train", data, "--target", "label", "--epochs", "3", "--hidden", "8", "--seed", "1", "--out", model, "--plot", chart);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(File.ReadAllBytes(chart).Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        Assert.That(output, Does.Contain("chart to " + chart));
    }

    [Test]
    public void Generate_SameSeed_WritesTheSameFile()
    {
        string a = Path.Combine(_dir, "a.csv"), b = Path.Combine(_dir, "b.csv");
        Run("generate", "spirals", a, "--rows", "50", "--seed", "9");
        Run("generate", "spirals", b, "--rows", "50", "--seed", "9");
        Assert.That(File.ReadAllText(b), Is.EqualTo(File.ReadAllText(a)));
    }

    [Test]
    public void Experiment_UnknownActivation_IsAUsageError()
    {
        string data = Path.Combine(_dir, "x.csv");
        Run("generate", "xor", data, "--rows", "20");
        var (code, _, error) = Run("experiment", data, "--target", "label", "--activations", "relu,swish");
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("swish").And.Contain("leaky-relu"));
    }
}
