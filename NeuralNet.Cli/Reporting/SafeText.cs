using System.Text;

namespace NeuralNet.Cli.Reporting;

/// <summary>
/// Makes text from the data safe to print: control characters (C0, DEL, C1, so also ESC and every ANSI sequence) and
/// the bidirectional overrides are shown as escapes (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>). A quoted field with a
/// line break then cannot print a second line that looks like <c>error: …</c>, nor recolour or rewrite the terminal.
/// Every error, warning, line and table cell is printed through it (see <see cref="Reporter"/> and <see cref="Cli.Run"/>).
/// </summary>
public static class SafeText
{
    /// <summary><paramref name="text"/> with unsafe characters escaped, line breaks included: every message and line is one line.</summary>
    public static string Escape(string text)
    {
        int first = 0;
        while (first < text.Length && !Unsafe(text[first])) first++;
        if (first == text.Length) return text; // the usual case: nothing to do, no copy
        var sb = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!Unsafe(c)) { sb.Append(c); continue; }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                < '\u0100' => $"\\x{(int)c:x2}",
                _ => $"\\u{(int)c:x4}",
            });
        }
        return sb.ToString();
    }

    private static bool Unsafe(char c)
        => c < ' ' || c is '\u007f' or (>= '\u0080' and <= '\u009f') or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
