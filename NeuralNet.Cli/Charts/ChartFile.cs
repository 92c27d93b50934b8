using ScottPlot;

namespace NeuralNet.Cli.Charts;

/// <summary>Writes a ScottPlot multiplot to PNG atomically: a temporary file in the same folder, then a rename.</summary>
internal static class ChartFile
{
    public const int Width = 900;

    public static void Save(Multiplot chart, string path, int height)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp.png");
        try
        {
            chart.SavePng(temp, Width, height);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Stacks <paramref name="count"/> plots in rows.</summary>
    public static Multiplot Rows(int count)
    {
        var chart = new Multiplot();
        chart.AddPlots(count);
        chart.Layout = new ScottPlot.MultiplotLayouts.Rows();
        return chart;
    }

    public static void Label(Plot plot, string title, string x, string y)
    {
        if (x.StartsWith("epoch", StringComparison.Ordinal))
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
    }
}
