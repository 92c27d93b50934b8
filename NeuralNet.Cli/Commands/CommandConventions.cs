using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NeuralNet.Cli.Commands;

/// <summary>
/// The conventions every command follows, applied once to the whole command tree and to every parse, so no command
/// carries code of its own for them:
/// <list type="bullet">
/// <item>help placeholders name the kind of value (<c>--lr &lt;number&gt;</c>), not the option again (<c>--lr &lt;lr&gt;</c>);</item>
/// <item>a word starting with '-' that is no option of the command is an unknown option (a usage error with a
/// did-you-mean), never a file name; a file whose name starts with '-' can follow <c>--</c>, as in git or ls;</item>
/// <item>an unknown command gets a did-you-mean, and a value that does not parse says "a number" or "a whole number",
/// never a .NET type name.</item>
/// </list>
/// </summary>
internal static class CommandConventions
{
    /// <summary>Sets the help placeholder of every option (in <paramref name="root"/> and below) that has no name of its own or list of choices.</summary>
    public static void Apply(Command root)
    {
        foreach (var option in root.Options)
            if (option.HelpName is null && option.CompletionSources.Count == 0 && Kind(option) is { } kind)
                option.HelpName = kind;
        foreach (var sub in root.Subcommands) Apply(sub);
    }

    // Text options whose kind the type does not tell.
    private static readonly Dictionary<string, string> TextKinds = new()
    {
        ["--target"] = "column", ["--drop"] = "columns", ["--hidden"] = "sizes", ["--delimiter"] = "char", ["--culture"] = "locale",
        ["--max-file-size"] = "size", ["--shard"] = "K/N", ["--format"] = "format", ["--baseline"] = "setting",
        ["--recycle"] = "off|dead|dormant",
    };

    /// <summary>The placeholder for an option: number, integer, file, list; null for a switch.</summary>
    private static string? Kind(Option option)
    {
        if (TextKinds.TryGetValue(option.Name, out var kind)) return kind;
        // A switch takes no value (--help and --version included, whose value type is not bool).
        if (option.Arity.MaximumNumberOfValues == 0) return null;
        var type = option.ValueType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return null;
        if (type == typeof(double) || type == typeof(float)) return "number";
        if (type == typeof(int) || type == typeof(long)) return "integer";
        if (type.IsArray) return "list";
        // The remaining text options name files: --out, --plot, --report, --resume, --metrics-csv, …
        return "file";
    }

    /// <summary>
    /// The first usage problem of <paramref name="parsed"/> as one line without the "error: " prefix, or null if there is none.
    /// Unknown options come first: they are the cause of the errors that follow them (a value taken as a file name).
    /// </summary>
    public static string? FirstError(ParseResult parsed)
    {
        // --help, --version and [suggest] stand for themselves, whatever else is on the line.
        if (parsed.Action is { ClearsParseErrors: true }) return null;
        var command = parsed.CommandResult;
        var afterDoubleDash = AfterDoubleDash(parsed.Tokens);
        // An unknown option either filled one of the command's arguments (inspect model.json --jsn) or was left over.
        // A list option (--hidden 64 32) would swallow it too.
        var stray = command.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens)
            .Concat(command.Children.OfType<OptionResult>().Where(o => o.Option.AllowMultipleArgumentsPerToken).SelectMany(o => o.Tokens))
            .Where(t => !afterDoubleDash.Contains(t)).Select(t => t.Value)
            .Concat(parsed.UnmatchedTokens.Where(t => !afterDoubleDash.Any(a => a.Value == t)))
            .FirstOrDefault(LooksLikeOption);
        if (stray is not null)
        {
            string name = stray.Split('=', 2)[0];
            return $"unknown option '{name}'{DidYouMean.Hint(name, OptionNames(command))}";
        }
        if (command.Command is RootCommand && parsed.UnmatchedTokens.Count > 0)
        {
            string word = parsed.UnmatchedTokens[0];
            return $"unknown command '{word}'{DidYouMean.Hint(word, command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
        }
        if (parsed.Errors.Count == 0) return EmptyPath(command);
        return parsed.Errors.Select(ValueError).FirstOrDefault(m => m is not null)
            ?? string.Join(" ", parsed.Errors[0].Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    // The arguments that name files; options that do have the placeholder <file>.
    private static readonly HashSet<string> PathArguments = ["data", "model", "out", "files"];

    /// <summary>
    /// "--validation-file: the path is empty" for a file option or argument given as '' (an unset shell variable), in
    /// every command and before any work: no path reaches the file system empty.
    /// </summary>
    private static string? EmptyPath(CommandResult command)
    {
        foreach (var child in command.Children)
        {
            var (name, isPath, tokens) = child switch
            {
                OptionResult o => (o.Option.Name, o.Option.HelpName == "file", o.Tokens),
                ArgumentResult a => ($"<{a.Argument.Name}>", PathArguments.Contains(a.Argument.Name), a.Tokens),
                _ => ("", false, (IReadOnlyList<Token>)[]),
            };
            if (isPath && tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) return $"{name}: the path is empty";
        }
        return command.Parent is CommandResult parent ? EmptyPath(parent) : null;
    }

    // '-' alone is stdin, '-2' a number and '-2,-3' a list of them; anything else that starts with '-' is meant as an option.
    private static bool LooksLikeOption(string word)
        => word.Length > 1 && word[0] == '-'
           && !word.Split(',').All(part => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    private static HashSet<Token> AfterDoubleDash(IReadOnlyList<Token> tokens)
    {
        var after = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        bool seen = false;
        foreach (var t in tokens)
        {
            if (seen) after.Add(t);
            seen |= t.Type == TokenType.DoubleDash;
        }
        return after;
    }

    // The command's visible options and aliases, and those its parents pass down (--help).
    private static IEnumerable<string> OptionNames(CommandResult command)
    {
        IEnumerable<Option> options = command.Command.Options;
        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            options = options.Concat(parent.Command.Options.Where(o => o.Recursive));
        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    /// <summary>"--lr expects a number; received 'abc'" for a value that did not convert, instead of the parser's .NET type name.</summary>
    private static string? ValueError(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is null) return null;
        var type = option.Option.ValueType;
        type = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
        string? kind = type == typeof(double) || type == typeof(float) ? "a number"
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : null;
        if (kind is null) return error.Message.Contains(option.Option.Name, StringComparison.Ordinal) ? null : ChoiceError(option);
        var bad = option.Tokens.FirstOrDefault(t => !Parses(t.Value, type));
        if (bad is null) return null;
        // Digits that do not fit: say the range, not "a whole number" (which they are).
        if (kind == "a whole number" && bad.Value.TrimStart('+', '-').Length > 0 && bad.Value.TrimStart('+', '-').All(char.IsAsciiDigit))
            kind = type == typeof(int) ? $"a whole number from {int.MinValue} to {int.MaxValue}" : $"a whole number from {long.MinValue} to {long.MaxValue}";
        return $"{option.Option.Name} expects {kind}; received '{bad.Value}'";
    }

    /// <summary>
    /// "--loss: unknown value 'hinge'; expected one of auto, softmax-cross-entropy, …" for a value outside an option's
    /// accepted list, instead of the parser's "Argument 'hinge' not recognized", which does not say which option. (A
    /// message that names its option already, such as --activation's own check, is kept.)
    /// </summary>
    private static string? ChoiceError(OptionResult option)
    {
        var choices = option.Option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        var bad = choices.Count == 0 ? null : option.Tokens.FirstOrDefault(t => !choices.Contains(t.Value));
        return bad is null ? null
            : $"{option.Option.Name}: unknown value '{bad.Value}'; expected one of {string.Join(", ", choices)}{DidYouMean.Hint(bad.Value, choices)}";
    }

    private static bool Parses(string text, Type type)
        => type == typeof(int) ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            : type == typeof(long) ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
