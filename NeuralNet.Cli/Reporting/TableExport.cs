using System.Text;

namespace NeuralNet.Cli.Reporting;

/// <summary>A <see cref="ReportTable"/> as a GitHub-flavoured markdown table or a LaTeX <c>tabular</c> (booktabs).</summary>
public static class TableExport
{
    /// <summary>Markdown: a header row, an alignment row (<c>---:</c> for numbers) and one row per table row.</summary>
    public static string Markdown(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", table.Headers.Select(EscapeMarkdown)).AppendLine(" |");
        text.Append("| ").AppendJoin(" | ", table.RightAligned.Select(r => r ? "---:" : ":---")).AppendLine(" |");
        foreach (var row in table.Rows) text.Append("| ").AppendJoin(" | ", row.Select(EscapeMarkdown)).AppendLine(" |");
        return text.ToString();
    }

    /// <summary>LaTeX: <c>\begin{tabular}{lrr…}</c> with <c>\toprule</c>, <c>\midrule</c> and <c>\bottomrule</c> (needs booktabs).</summary>
    public static string Latex(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.Append(@"\begin{tabular}{").Append(string.Concat(table.RightAligned.Select(r => r ? 'r' : 'l'))).AppendLine("}");
        text.AppendLine(@"\toprule");
        text.AppendJoin(" & ", table.Headers.Select(EscapeLatex)).AppendLine(@" \\");
        text.AppendLine(@"\midrule");
        foreach (var row in table.Rows) text.AppendJoin(" & ", row.Select(EscapeLatex)).AppendLine(@" \\");
        text.AppendLine(@"\bottomrule");
        text.AppendLine(@"\end{tabular}");
        return text.ToString();
    }

    private static string EscapeMarkdown(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);

    private static string EscapeLatex(string cell)
    {
        var text = new StringBuilder(cell.Length);
        foreach (char c in cell)
            text.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                '±' => @"$\pm$",
                'Δ' => @"$\Delta$",
                '<' => @"\textless{}",
                _ => c.ToString(),
            });
        return text.ToString();
    }
}
