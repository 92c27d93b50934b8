using Plotly.NET;
using CChart = Plotly.NET.CSharp.Chart;

namespace NeuralNet.Cli.Charts.Html;

/// <summary>The few Plotly chart shapes the HTML reports use, with the report's titles, axis labels and colours.</summary>
internal static class PlotlyCharts
{
    /// <summary>Colours that can be told apart (Okabe–Ito), cycled by series index.</summary>
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>The <paramref name="index"/>-th palette colour.</summary>
    public static Color Colour(int index) => Color.fromString(Palette[index % Palette.Length]);

    /// <summary>A line of finite (x, y) points; NaN values are left out.</summary>
    public static GenericChart Line(IEnumerable<(double X, double Y)> points, string name, int colour, bool dashed = false)
    {
        var p = points.Where(q => double.IsFinite(q.Y)).ToArray();
        return CChart.Line<double, double, string>(p.Select(q => q.X), p.Select(q => q.Y), ShowMarkers: p.Length < 60, Name: name,
            LineColor: Colour(colour), MarkerColor: Colour(colour), LineDash: dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid);
    }

    /// <summary>Markers at the given points (the best-epoch marker, deaths, revivals).</summary>
    public static GenericChart Markers(IEnumerable<(double X, double Y)> points, string name, string colour, StyleParam.MarkerSymbol symbol)
    {
        var p = points.Where(q => double.IsFinite(q.Y)).ToArray();
        return CChart.Point<double, double, string>(p.Select(q => q.X), p.Select(q => q.Y), Name: name,
            MarkerColor: Color.fromString(colour), MarkerSymbol: symbol);
    }

    /// <summary>A mean line with a band from <paramref name="lower"/> to <paramref name="upper"/>.</summary>
    public static GenericChart Band(double[] x, double[] mean, double[] lower, double[] upper, string name, int colour)
        => CChart.Range<double, double, string>(x, mean, upper, lower, StyleParam.Mode.Lines, Name: name,
            LineColor: Colour(colour), RangeColor: Color.fromString(Palette[colour % Palette.Length] + "33"));

    /// <summary>A heatmap of <paramref name="z"/> (rows = y values); the colour scale spans the data, so small differences show.</summary>
    public static GenericChart Heatmap(double[][] z, double[] x, double[] y, string name)
        => CChart.Heatmap<double, double, double, string>(z, X: x, Y: y, Name: name, ColorScale: StyleParam.Colorscale.Viridis, ShowScale: true);

    /// <summary>Vertical bars of <paramref name="values"/> per category.</summary>
    public static GenericChart Columns(IEnumerable<string> categories, IEnumerable<double> values, string name, int colour)
        => CChart.Column<double, string, string>(values, Keys: categories.ToArray(), Name: name, MarkerColor: Colour(colour));

    /// <summary>Overlays charts on the same axes.</summary>
    public static GenericChart Combine(IEnumerable<GenericChart> charts) => CChart.Combine(charts);

    /// <summary>Sets the chart's title and axis titles (and an explicit y range when given).</summary>
    public static GenericChart Titled(GenericChart chart, string title, string xTitle, string yTitle, (double Min, double Max)? yRange = null)
    {
        chart = Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: xTitle);
        chart = yRange is { } r
            ? Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle, MinMax: new Tuple<double, double>(r.Min, r.Max))
            : Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle);
        return Plotly.NET.CSharp.GenericChartExtensions.WithSize(chart, Width: 1000, Height: 420);
    }
}
