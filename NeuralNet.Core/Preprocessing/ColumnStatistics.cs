namespace NeuralNet.Core.Preprocessing;

/// <summary>What a scaling is fitted on: the present values of a numeric column's training rows (at least one).</summary>
/// <param name="Mean">Their mean.</param>
/// <param name="Std">Their population standard deviation (0 for a constant column).</param>
/// <param name="Min">The smallest.</param>
/// <param name="Max">The largest.</param>
internal readonly record struct ColumnStatistics(double Mean, double Std, double Min, double Max);
