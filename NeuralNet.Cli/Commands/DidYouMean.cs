namespace NeuralNet.Cli.Commands;

/// <summary>
/// "Did you mean …?" for a mistyped option or command: the known names nearest by edit distance (optimal string
/// alignment, so a swap of two neighbours such as "trian" counts as one edit), or whose name starts the typed word
/// ("--output" → "--out"). System.CommandLine has the same idea inside its ParseErrorAction, but private and printing
/// to stdout, and only for unmatched tokens, not for an unknown option taken as a file name.
/// </summary>
internal static class DidYouMean
{
    /// <summary>The best few of <paramref name="candidates"/> for <paramref name="typed"/>, nearest first; empty if none is close.</summary>
    public static IReadOnlyList<string> Suggest(string typed, IEnumerable<string> candidates)
    {
        string word = typed.TrimStart('-');
        // Short words are near everything: allow one edit per two letters, at most three.
        int allowed = Math.Min(3, word.Length / 2);
        var scored = candidates.Distinct()
            .Select(c => (Name: c, Distance: Distance(typed, c), Prefix: IsPrefix(c.TrimStart('-'), word)))
            .Where(x => x.Distance <= allowed || x.Prefix)
            .OrderBy(x => x.Prefix ? 0 : x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        if (scored.Count == 0) return [];
        int best = scored[0].Prefix ? 0 : scored[0].Distance;
        return scored.Where(x => (x.Prefix ? 0 : x.Distance) == best).Take(3).Select(x => x.Name).ToList();
    }

    /// <summary>"; did you mean '--target'?" (or "'a' or 'b'"), or "" when nothing is close.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates)
    {
        var names = Suggest(typed, candidates);
        return names.Count == 0 ? "" : $"; did you mean {string.Join(" or ", names.Select(n => $"'{n}'"))}?";
    }

    // "out" starts "output": a truncated or extended name, at least three letters long.
    private static bool IsPrefix(string candidate, string word)
        => candidate.Length >= 3 && word.Length >= 3 && (word.StartsWith(candidate, StringComparison.Ordinal) || candidate.StartsWith(word, StringComparison.Ordinal));

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
