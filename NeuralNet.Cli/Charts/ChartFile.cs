using NeuralNet.Core.Models;
using ScottPlot;

namespace NeuralNet.Cli.Charts;

/// <summary>Writes a ScottPlot multiplot to PNG atomically, with <see cref="AtomicFile"/>.</summary>
internal static class ChartFile
{
    public const int Width = 900;

    public static void Save(Multiplot chart, string path, int height)
    {
        // Rendered in memory, then through the one atomic writer: a missing folder is a data error, not a crash.
        using var image = chart.Render(Width, height);
        byte[] png = image.GetImageBytes(ImageFormat.Png, 100);
        AtomicFile.Write(path, stream => stream.Write(png));
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
