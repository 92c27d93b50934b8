namespace NeuralNet.Core.Data;

/// <summary>
/// Joins the parts of one column into one <see cref="DataColumn"/>. A column that became text in
/// any chunk is text throughout: the cells that were stored as numbers get their categories from the spellings kept
/// for them, which is exact when the column has at most <see cref="NumericColumn.MaxSpellings"/> distinct values, each
/// written one way; otherwise the merge gives up (null) and the reader reads that column again as text.
/// </summary>
internal static class ColumnMerger
{
    /// <summary>The merged column, or null when its numbers cannot be turned back into their text exactly.</summary>
    public static DataColumn? Merge(IReadOnlyList<ColumnPart> parts)
    {
        var stats = MergeStats(parts);
        int total = parts.Sum(p => p.Count);
        string name = parts[0].Name;
        if (parts.All(p => p.Codes is null)) return MergeNumbers(name, stats, parts, total);

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var vocabulary = new List<string>();
        int Intern(string text)
        {
            if (index.TryGetValue(text, out int code)) return code;
            index[text] = vocabulary.Count;
            vocabulary.Add(text);
            return vocabulary.Count - 1;
        }
        var codes = new int[total];
        int at = 0;
        foreach (var part in parts)
        {
            if (part.NumericRows > 0 && (part.Spellings is null || !part.SpellingsExact)) return null;
            for (int r = 0; r < part.NumericRows; r++)
            {
                double v = part.Double is { } d ? d[r] : part.Single[r];
                codes[at + r] = double.IsNaN(v) ? -1 : Intern(part.Spellings![v]);
            }
            var remap = part.Vocabulary.Select(Intern).ToArray();
            for (int r = part.NumericRows; r < part.Count; r++)
                codes[at + r] = part.Codes![r] < 0 ? -1 : remap[part.Codes[r]];
            at += part.Count;
        }
        return new CategoryColumn(name, stats, codes, total, vocabulary);
    }

    /// <summary>The column of one numeric part, its arrays as they are (a parallel read joins numeric parts in <see cref="ColumnAssembler"/>).</summary>
    private static NumericColumn MergeNumbers(string name, ColumnStats stats, IReadOnlyList<ColumnPart> parts, int total)
    {
        if (parts.Count != 1) throw new InvalidOperationException("numeric parts are joined by ColumnAssembler");
        return new NumericColumn(name, stats, parts[0].Double is null ? parts[0].Single : null, parts[0].Double, total, parts[0].Spellings);
    }

    private static ColumnStats MergeStats(IReadOnlyList<ColumnPart> parts)
    {
        long present = 0, numbers = 0;
        int bad = -1, odd = -1, at = 0;
        string? badText = null, oddText = null;
        foreach (var part in parts)
        {
            var s = part.Stats;
            present += s.Present;
            numbers += s.Numbers;
            if (bad < 0 && s.FirstBadRow >= 0) (bad, badText) = (at + s.FirstBadRow, s.FirstBadText);
            if (odd < 0 && s.FirstOddRow >= 0) (odd, oddText) = (at + s.FirstOddRow, s.FirstOddText);
            at += part.Count;
        }
        return new ColumnStats(present, numbers, bad, badText, odd, oddText);
    }
}
