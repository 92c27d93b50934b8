using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralNet.Cli.Commands;
using NeuralNet.Cli.Reporting;
using NeuralNet.Core;

namespace NeuralNet.Cli;

/// <summary>
/// The <c>neuralnet</c> command line as a function of its arguments and writers, so every command can be run
/// in-process (tests) as well as from <c>Program.cs</c>.
/// </summary>
public static class Cli
{
    /// <summary>Exit code for a bug in the tool itself (an unexpected exception); sysexits' EX_SOFTWARE.</summary>
    public const int InternalErrorExitCode = 70;

    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="interactive">Whether stdout is an interactive terminal.</param>
    /// <param name="cancellation">Ctrl-C.</param>
    /// <param name="progressOnError">Stdout is redirected but stderr is a terminal: show progress bars on stderr.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false, CancellationToken cancellation = default, bool progressOnError = false)
    {
        var context = new CliContext(output, error, interactive, cancellation, progressOnError);
        var root = new RootCommand("neuralnet: train, evaluate, inspect and use multilayer perceptrons on CSV data, with a dead-neuron report.");
        // A command named exactly is the only one built: each brings dozens of options whose types are loaded and
        // compiled at start-up. Anything else (help, a typo to suggest a name for) gets them all.
        var named = args.Length > 0 ? Array.Find(Commands, c => c.Name == args[0]) : default;
        foreach (var (_, create) in named.Create is null ? Commands : [named]) root.Add(create(context));
        CommandConventions.Apply(root);
        if (args.Length == 0)
        {
            // Like git or dotnet: a bare command shows what it can do, and is still a usage error for scripts.
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return ExitCodes.Usage;
        }
        var parsed = root.Parse(args);
        if (CommandConventions.FirstError(parsed) is { } message)
        {
            string command = string.Join(" ", new[] { "neuralnet" }.Concat(CommandPath(parsed)));
            error.WriteLine(SafeText.Escape($"error: {message} (see '{command} --help')"));
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (ExitCodeOf(e) is { } code)
        {
            error.WriteLine("error: " + SafeText.Escape(e.Message));
            return code;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            error.WriteLine(SafeText.Escape($"error: internal error ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}); please report it"));
            return InternalErrorExitCode;
        }
    }

    /// <summary>Every command, by name, in the order help lists them.</summary>
    private static readonly (string Name, Func<CliContext, Command> Create)[] Commands =
    [
        ("train", TrainCommand.Create),
        ("evaluate", EvaluateCommand.Create),
        ("predict", PredictCommand.Create),
        ("inspect", InspectCommand.Create),
        ("experiment", ExperimentCommand.Create),
        ("generate", GenerateCommand.Create),
        ("bench", BenchCommand.Create),
        ("export", ExportCommand.Create),
    ];

    /// <summary>The commands by name (tests check each builds the command of its name).</summary>
    internal static IReadOnlyList<(string Name, Func<CliContext, Command> Create)> CommandTable => Commands;

    /// <summary>
    /// The one place where errors meant for the user become exit codes: the tool's own, and the library's typed ones
    /// (bad data or model file → 2, a setting that cannot apply → 1). Anything else is a bug.
    /// </summary>
    private static int? ExitCodeOf(Exception e) => e switch
    {
        CliException c => c.ExitCode,
        DataException => ExitCodes.Data,
        SpecException => ExitCodes.Usage,
        _ => null,
    };

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (SymbolResult? r = parsed.CommandResult; r is CommandResult { Parent: not null } c; r = c.Parent) names.Insert(0, c.Command.Name);
        return names;
    }
}
