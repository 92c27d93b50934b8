using System.Text.Json;
using System.Text.RegularExpressions;
using NeuralNet.Cli;
using NeuralNet.Cli.Commands;

namespace NeuralNet.Tests.Cli;

/// <summary>Issue 13, "CLI conventions": unknown options, did-you-mean, value messages, placeholders and consistent options.</summary>
public class CliConventionsTests
{
    private static readonly string[] Commands = ["train", "evaluate", "predict", "inspect", "experiment", "experiment merge", "generate", "bench", "export"];

    [Test]
    public void EachCommand_BuiltAloneWhenNamed_IsTheCommandOfThatName()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, false, default, false);
        foreach (var (name, create) in NeuralNet.Cli.Cli.CommandTable)
            Assert.That(create(context).Name, Is.EqualTo(name));
        Assert.That(NeuralNet.Cli.Cli.CommandTable.Select(c => c.Name), Is.EquivalentTo(Commands.Where(c => !c.Contains(' '))));
    }

    [Test]
    public void UnknownOption_AfterTheModel_IsRefused_NotTakenAsTheDataFile()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("inspect", h.PathOf("model.json"), "--jsn");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("unknown option '--jsn'").And.Contain("did you mean '--json'?"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void MistypedOption_IsNamed_NotItsValue()
    {
        var run = CliHarness.Run("train", "--targt", "species", CliHarness.IrisPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Error, Does.Contain("unknown option '--targt'").And.Contain("did you mean '--target'?").And.Not.Contain("'species'"));
    }

    [Test]
    public void AnotherCommandsOption_SuggestsThisCommandsShorterName()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("predict", h.PathOf("model.json"), "--output", "x.csv");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Error, Does.Contain("unknown option '--output'").And.Contain("'--out'").And.Not.Contain("'x.csv'"));
        Assert.That(File.Exists(h.PathOf("x.csv")), Is.False);
    }

    [Test]
    public void UnknownOption_SwallowedByAListOption_IsStillRefused()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--hidden", "8", "--epoch", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Error, Does.Contain("unknown option '--epoch'").And.Contain("'--epochs'"));
    }

    [Test]
    public void UnknownOption_WithNothingClose_HasNoSuggestion()
    {
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--zzzzzz");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("unknown option '--zzzzzz'").And.Not.Contain("did you mean"));
    }

    [Test]
    public void AFileNamedLikeAnOption_CanFollowADoubleDash()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("train", "--target", "species", "--out", h.PathOf("m.json"), "--", "-no-such-file.csv");

        // Read as the data file (and not found: a data error), not refused as an option.
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Data), run.ToString);
        Assert.That(run.Error, Does.Contain("-no-such-file.csv").And.Not.Contain("unknown option"));
    }

    [Test]
    public void NegativeNumbers_AreValues_NotOptions()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("train", CliHarness.IrisPath, "--target", "species", "--bias-init", "-2", "--epochs", "0", "--out", h.PathOf("m.json"), "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString);
    }

    [Test]
    public void ListOfNegativeNumbers_IsAValue_NotAnOption()
    {
        using var h = new CliHarness();
        var run = CliHarness.Run("experiment", CliHarness.IrisPath, "--target", "species", "--bias-init", "-2,-3", "--seeds", "1",
            "--epochs", "0", "--hidden", "4", "--quiet", "--out-csv", h.PathOf("grid.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString);
        Assert.That(File.ReadAllText(h.PathOf("grid.csv")), Does.Contain("-3"), "both bias values form settings");
    }

    [Test]
    public void MistypedCommand_GetsADidYouMean()
    {
        var run = CliHarness.Run("trian");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("unknown command 'trian'").And.Contain("did you mean 'train'?").And.Not.Contain("Required command"));
    }

    [TestCase("train", "--lr", "abc", "a number")]
    [TestCase("train", "--epochs", "2.5", "a whole number")]
    [TestCase("experiment", "--seeds", "1,2,3", "a whole number")]
    [TestCase("experiment", "--lr", "x", "numbers")] // a list option checks its own values
    public void ValueThatDoesNotParse_SaysWhatKindIsExpected_NotTheDotNetType(string command, string option, string value, string kind)
    {
        var run = CliHarness.Run(command, CliHarness.IrisPath, "--target", "species", option, value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Error, Does.Contain(option).And.Contain(kind).And.Contain($"'{value}'").And.Not.Contain("System."));
    }

    [TestCaseSource(nameof(Commands))]
    public void Help_ShowsTheKindOfValue_AndEachDefaultOnce(string command)
    {
        var run = CliHarness.Run([.. command.Split(' '), "--help"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok));
        foreach (Match m in Regex.Matches(run.Output, @"--([a-z-]+) <([^>]+)>"))
            Assert.That(m.Groups[2].Value, Is.Not.EqualTo(m.Groups[1].Value), $"{command}: placeholder of --{m.Groups[1].Value} repeats its name");
        foreach (var line in run.Output.Split('\n'))
            Assert.That(Regex.Matches(line, @"\[default:").Count, Is.LessThanOrEqualTo(1), line);
        Assert.That(run.Output, Does.Not.Contain("System."));
    }

    [TestCase("")]
    [TestCase("train")]
    [TestCase("experiment")]
    [TestCase("experiment merge")]
    [TestCase("bench")]
    public void Help_Switches_TakeNoPlaceholder_AndTextOptionsNameTheirKind(string command)
    {
        string help = CliHarness.Run([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]).Output;

        // A switch takes no value: "-?, -h, --help <file>" was the text-option default leaking onto switches.
        Assert.That(help, Does.Not.Match(@"--(help|version|quiet|verbose|json|gemm|peak) <"));
        if (command == "train") Assert.That(help, Does.Contain("--recycle <off|dead|dormant>"));
        if (command.StartsWith("experiment", StringComparison.Ordinal)) Assert.That(help, Does.Contain("--baseline <setting>"));
    }

    [Test]
    public void MaxFileSize_DocumentsTheDefaultTheCodeHas()
    {
        string help = CliHarness.Run("train", "--help").Output;
        var line = help.Split('\n').Single(l => l.Contains("--max-file-size"));

        // No default limit (the reader estimates the memory a file needs instead), and the help says so.
        Assert.That(NeuralNet.Core.Data.CsvTableReader.DefaultMaxBytes, Is.EqualTo(long.MaxValue));
        Assert.That(line, Does.Contain("[default: none").And.Not.Contain("256"));
    }

    private static IEnumerable<TestCaseData> EmptyPaths()
    {
        string iris = CliHarness.IrisPath;
        yield return new TestCaseData(new[] { "train", iris, "--target", "species", "--validation-file", "" }, "--validation-file").SetName("EmptyPath train --validation-file");
        yield return new TestCaseData(new[] { "train", "--resume", "" }, "--resume").SetName("EmptyPath train --resume");
        yield return new TestCaseData(new[] { "predict", "", iris }, "<model>").SetName("EmptyPath predict model");
        yield return new TestCaseData(new[] { "evaluate", "m.json", "" }, "<data>").SetName("EmptyPath evaluate data");
        yield return new TestCaseData(new[] { "inspect", "" }, "<model>").SetName("EmptyPath inspect model");
        yield return new TestCaseData(new[] { "export", " " }, "<model>").SetName("EmptyPath export model");
        yield return new TestCaseData(new[] { "experiment", iris, "--target", "species", "--validation-file", "" }, "--validation-file").SetName("EmptyPath experiment --validation-file");
        yield return new TestCaseData(new[] { "experiment", iris, "--target", "species", "--resume", "" }, "--resume").SetName("EmptyPath experiment --resume");
        yield return new TestCaseData(new[] { "experiment", iris, "merge", "" }, "<files>").SetName("EmptyPath experiment merge files");
    }

    [TestCaseSource(nameof(EmptyPaths))]
    public void EmptyPath_IsAUsageError_NamingTheOptionOrArgument(string[] args, string name)
    {
        var run = CliHarness.Run(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith($"error: {name}: the path is empty"));
    }

    [TestCase("train", "--batch-size", "99999999999", "from -2147483648 to 2147483647")]
    [TestCase("train", "--seed", "-99999999999999999999", "from -9223372036854775808 to 9223372036854775807")]
    public void WholeNumberOutOfRange_SaysTheRange(string command, string option, string value, string range)
    {
        var run = CliHarness.Run(command, CliHarness.IrisPath, "--target", "species", option, value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Error, Does.Contain($"{option} expects a whole number {range}; received '{value}'"));
    }

    [Test]
    public void Experiment_HasTrainsActivationSpelling_AndTrainsTrainingOptions()
    {
        string help = CliHarness.Run("experiment", "--help").Output;

        Assert.That(help, Does.Contain("-a, --activation <list>").And.Not.Contain("--activations"));
        foreach (var option in new[] { "--weight-decay", "--clip-norm", "--precision", "--prelu-mode", "--scale", "--validation-file", "--quiet", "--verbose" })
            Assert.That(help, Does.Contain(option));
        Assert.That(help, Does.Contain("--seeds <count>"));
    }

    [Test]
    public void Evaluate_Verbose_PromisesNoEpochs()
    {
        string help = CliHarness.Run("evaluate", "--help").Output;
        var verbose = help.Split('\n').Single(l => l.Contains("--verbose"));

        Assert.That(verbose, Does.Not.Contain("epoch"));
    }

    [Test]
    public void Inspect_Json_DescribesEveryLayer()
    {
        using var h = new CliHarness();
        string model = h.PathOf("m.json");
        Assert.That(CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "5,3", "-e", "1", "-s", "1", "-o", model, "-q").ExitCode, Is.EqualTo(0));

        var run = CliHarness.Run("inspect", model, CliHarness.IrisPath, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString);
        using var json = JsonDocument.Parse(run.Output);
        var layers = json.RootElement.GetProperty("layers").EnumerateArray().ToList();
        // iris: 4 inputs, 5-3 hidden, 3 classes.
        int[] widths = [4, 5, 3, 3];
        Assert.That(layers.Select(l => l.GetProperty("units").GetInt32()), Is.EqualTo(widths[1..]));
        Assert.That(json.RootElement.GetProperty("parameters").GetInt32(), Is.EqualTo(4 * 5 + 5 + 5 * 3 + 3 + 3 * 3 + 3));
        var activity = json.RootElement.GetProperty("activity").EnumerateArray().ToList();
        Assert.That(activity.Select(a => a.GetProperty("activeShare").GetArrayLength()), Is.EqualTo(new[] { 5, 3 }));
    }

    [Test]
    public void Quiet_WithResume_PrintsOnlyTheFinalLine()
    {
        using var h = new CliHarness();
        string model = h.PathOf("m.json");
        Assert.That(CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--hidden", "4", "-e", "1", "-s", "1", "-o", model, "-q").ExitCode, Is.EqualTo(0));

        var run = CliHarness.Run("train", CliHarness.IrisPath, "-t", "species", "--resume", model, "-e", "1", "-o", h.PathOf("m2.json"), "-q");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString);
        Assert.That(run.Output.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Output, Does.StartWith("saved model to"));
    }

    [Test]
    public void DidYouMean_CountsASwapAsOneEdit_AndKnowsShortenedNames()
    {
        Assert.That(DidYouMean.Distance("trian", "train"), Is.EqualTo(1));
        Assert.That(DidYouMean.Distance("kitten", "sitting"), Is.EqualTo(3));
        Assert.That(DidYouMean.Suggest("--output", ["--out", "--data", "--json"]), Is.EqualTo(new[] { "--out" }));
        Assert.That(DidYouMean.Suggest("-x", ["-o", "-t", "-e"]), Is.Empty, "one letter is near every short alias: no guess");
    }
}
