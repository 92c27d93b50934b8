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
    private readonly IAnsiConsole? _progress;

    /// <summary>Creates a reporter writing to <paramref name="output"/> (stdout) and <paramref name="error"/> (stderr).</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="verbosity">How much to print.</param>
    /// <param name="interactive">Whether stdout is an interactive terminal (see <see cref="Terminal.IsInteractive"/>).</param>
    /// <param name="progress">When stdout is not interactive: a terminal to draw progress bars on (stderr, see
    /// <see cref="Terminal.IsErrorOnlyInteractive"/>), or null for none.</param>
    public Reporter(TextWriter output, TextWriter error, Verbosity verbosity, bool interactive, TextWriter? progress = null)
    {
        if (!interactive && progress is not null)
            _progress = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(progress), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Interactive = InteractionSupport.Yes,
            });
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

    /// <summary>Writes one line (plain text, never markup); a line break inside <paramref name="text"/> (from the data) is shown escaped.</summary>
    public void Line(string text = "")
    {
        text = SafeText.Escape(text);
        if (Interactive) _console.WriteLine(text);
        else _output.WriteLine(text);
    }

    /// <summary>Writes a heading line (bold on a terminal).</summary>
    public void Heading(string text)
    {
        text = SafeText.Escape(text);
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
        // A terminal gets its own width; redirected output is read in files and logs, where wrapping a row hurts more than a long line.
        foreach (var line in Render(table, Interactive ? _console.Profile.Width : 240, Interactive))
        {
            if (Interactive) _console.WriteLine(line);
            else _output.WriteLine(line);
        }
    }

    /// <summary>
    /// The table's lines at <paramref name="width"/> columns, trimmed at the end. Headers and cells may wrap between words but
    /// never inside one ("activati│on"): when the narrowest layout at normal padding would need that, the cell padding is
    /// halved, and when even that does not fit, the lines are longer than <paramref name="width"/>.
    /// </summary>
    internal static IEnumerable<string> Render(ReportTable table, int width, bool rounded)
    {
        // Cells may hold text from the user's data (column names, categories): shown, never interpreted by the terminal.
        table = table with { Headers = table.Headers.Select(h => SafeText.Escape(h)).ToList(), Rows = table.Rows.Select(r => r.Select(c => SafeText.Escape(c)).ToArray()).ToList() };
        var widths = ColumnWidths(table, width, out bool compact);
        var t = new Table().Border(rounded ? TableBorder.Rounded : TableBorder.Simple);
        for (int c = 0; c < widths.Length; c++)
        {
            var column = new TableColumn(new Text(table.Headers[c])).Width(widths[c]);
            if (table.RightAligned[c]) column.RightAligned();
            if (compact) column.Padding(0, 0, 1, 0);
            t.AddColumn(column);
        }
        foreach (var row in table.Rows) t.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        // Render to text first so that the padding Spectre adds at line ends and the empty border line can be trimmed.
        var buffer = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        // When even the longest words and compact padding do not fit, the table is as wide as they need (the terminal
        // wraps its lines) rather than split inside a word, which Spectre would do to fit the width.
        plain.Profile.Width = Math.Max(width, widths.Sum() + (compact ? 2 : 3) * widths.Length + 1);
        plain.Write(t);
        return buffer.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
    }

    // Spectre shrinks every column in proportion when a table is too wide, splitting words; so the widths are chosen here:
    // each column at least its longest word, the rest of the room shared out towards each column's natural width.
    private static int[] ColumnWidths(ReportTable table, int width, out bool compact)
    {
        int n = table.Headers.Count;
        var cells = Enumerable.Range(0, n).Select(c => table.Rows.Select(r => r[c]).Append(table.Headers[c]).ToList()).ToList();
        int[] natural = cells.Select(col => col.Max(cell => cell.Length)).ToArray();
        int[] widths = cells.Select(col => col.SelectMany(cell => cell.Split(' ')).Max(w => w.Length)).ToArray();
        // One border and two padding characters per column, plus the last border; one padding character when that does not fit.
        compact = widths.Sum() + 3 * n + 1 > width;
        int room = width - (compact ? 2 : 3) * n - 1 - widths.Sum();
        while (room > 0)
        {
            int widest = Enumerable.Range(0, n).MaxBy(c => natural[c] - widths[c]);
            if (natural[widest] <= widths[widest]) break;
            widths[widest]++;
            room--;
        }
        return widths;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a live progress bar of <paramref name="total"/> steps when the terminal is
    /// interactive (or stderr is, given as the progress writer) and output is not quiet; otherwise runs it with a sink that does nothing.
    /// </summary>
    public TResult WithProgress<TResult>(string description, int total, Func<IProgressSink, TResult> work)
    {
        var console = Interactive ? _console : _progress;
        if (console is null || !Normal || total <= 0) return work(NullSink.Instance);
        TResult result = default!;
        console.Progress()
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

