namespace NeuralNet.Cli.Reporting;

/// <summary>A table to print: headers, rows of text, and which columns are right-aligned (numbers).</summary>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows, each with one cell per header.</param>
/// <param name="RightAligned">Per column: right-align (numbers).</param>
public sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows, IReadOnlyList<bool> RightAligned);
