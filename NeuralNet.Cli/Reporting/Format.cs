using System.Globalization;

namespace NeuralNet.Cli.Reporting;

/// <summary>Number formatting shared by every report, always in the invariant culture.</summary>
public static class Format
{
    /// <summary>
    /// Four decimals, or four significant digits in exponent form below 1e-3 (as Keras' progress bar) and from 1e6 on
    /// ("1.444e13", not "14443386690388.0000").
    /// </summary>
    public static string Value(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        return v != 0 && Math.Abs(v) < 1e-3 || Math.Abs(v) >= 1e6 ? Exponent(v) : v.ToString("0.0000", CultureInfo.InvariantCulture);
    }

    /// <summary>Four significant digits in exponent form: "2.858e-4", "1.444e13" (eight characters for a positive number).</summary>
    public static string Exponent(double v) => v.ToString("0.000e+0", CultureInfo.InvariantCulture).Replace("e+", "e", StringComparison.Ordinal);

    /// <summary>A share as a whole percentage, "44%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A number as the user would type it, to six significant digits: "0.001", "1E-05".</summary>
    public static string Plain(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>An elapsed time: "4 ms", "999 ms", "1.3 s", "75.0 s" (at most 6 characters below 1000 s).</summary>
    public static string Duration(TimeSpan t)
        => t.TotalMilliseconds < 999.5
            ? Math.Round(t.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture) + " ms"
            : t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
