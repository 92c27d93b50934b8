using Spectre.Console;
using Spectre.Console.Rendering;

namespace NeuralNet.Cli.Reporting;

/// <summary>
/// Everything the commands print goes through here; the only place that uses Spectre.Console. On an interactive
/// terminal it draws tables with borders and a live progress bar; otherwise (redirected output, tests) it writes plain
/// text with no ANSI codes. User text is always passed as plain text, never parsed as markup.
/// </summary>
public sealed class Reporter
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    /// <summary>Creates a reporter writing to <paramref name="output"/> (stdout) and <paramref name="error"/> (stderr).</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="verbosity">How much to print.</param>
    /// <param name="interactive">Whether stdout is an interactive terminal (see <see cref="Terminal.IsInteractive"/>).</param>
    public Reporter(TextWriter output, TextWriter error, Verbosity verbosity, bool interactive)
    {
        _output = output;
        _error = error;
        Verbosity = verbosity;
        Interactive = interactive;
        _console = interactive
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
        if (!interactive) _console.Profile.Width = 240;
    }

    /// <summary>How much to print.</summary>
    public Verbosity Verbosity { get; }

    /// <summary>Whether the terminal is interactive (progress bar, colours).</summary>
    public bool Interactive { get; }

    /// <summary>Whether normal output is on.</summary>
    public bool Normal => Verbosity >= Verbosity.Normal;

    /// <summary>Whether verbose output is on.</summary>
    public bool Verbose => Verbosity >= Verbosity.Verbose;

    /// <summary>Writes a line (plain text, never markup).</summary>
    public void Line(string text = "")
    {
        text = SafeText.Escape(text, keepNewlines: true);
        if (Interactive) _console.WriteLine(text);
        else _output.WriteLine(text);
    }

    /// <summary>Writes a heading line (bold on a terminal).</summary>
    public void Heading(string text)
    {
        text = SafeText.Escape(text, keepNewlines: true);
        if (Interactive) _console.MarkupLine($"[bold]{Markup.Escape(text)}[/]");
        else _output.WriteLine(text);
    }

    /// <summary>Writes a JSON document on stdout, as is (never through the console renderer).</summary>
    public void Json(string json) => _output.WriteLine(json);

    /// <summary>Writes a line on stderr, prefixed "warning: ".</summary>
    public void Warning(string text) => _error.WriteLine("warning: " + SafeText.Escape(text));

    /// <summary>Writes a table.</summary>
    public void Table(ReportTable table)
    {
        var t = new Table().Border(Interactive ? TableBorder.Rounded : TableBorder.Simple);
        for (int c = 0; c < table.Headers.Count; c++)
        {
            var column = new TableColumn(new Text(SafeText.Escape(table.Headers[c])));
            if (table.RightAligned[c]) column.RightAligned();
            t.AddColumn(column);
        }
        foreach (var row in table.Rows) t.AddRow(row.Select(cell => (IRenderable)new Text(SafeText.Escape(cell))).ToArray());
        if (Interactive)
        {
            _console.Write(t);
            return;
        }
        // Render to text first so that the padding Spectre adds at line ends and the empty border line can be trimmed.
        var buffer = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = 240; // redirected output is read in files and logs, where wrapping a row hurts more than a long line
        plain.Write(t);
        foreach (var line in buffer.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0))
            _output.WriteLine(line);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a live progress bar of <paramref name="total"/> steps when the terminal is
    /// interactive and output is not quiet; otherwise runs it with a sink that does nothing.
    /// </summary>
    public TResult WithProgress<TResult>(string description, int total, Func<IProgressSink, TResult> work)
    {
        if (!Interactive || !Normal || total <= 0) return work(NullSink.Instance);
        TResult result = default!;
        _console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: total);
                result = work(new TaskSink(task));
            });
        return result;
    }

    private sealed class TaskSink(ProgressTask task) : IProgressSink
    {
        public void Report(int done) => task.Value = done;
    }

    private sealed class NullSink : IProgressSink
    {
        public static readonly NullSink Instance = new();
        public void Report(int done) { }
    }
}

