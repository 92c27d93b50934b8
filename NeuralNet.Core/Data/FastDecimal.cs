namespace NeuralNet.Core.Data;

/// <summary>
/// Parses the common spelling of a decimal number, <c>[+-]digits[.digits][(e|E)[+-]digits]</c>, from UTF-8 bytes
/// when the result is exact by Clinger's fast path: at most 19 significant digits forming an integer w ≤ 2^53 and a
/// power of ten |q| ≤ 22. Then w and 10^|q| are both exact doubles, and one IEEE multiplication or division rounds
/// w·10^q correctly, which is the double <see cref="double.Parse(string)"/> returns. Anything else (whitespace, more
/// digits, larger exponents, <c>.5</c>, <c>inf</c>) returns false so that the caller falls back to the BCL parser.
/// </summary>
internal static class FastDecimal
{
    private const ulong MaxExactMantissa = 1UL << 53;
    private const int MaxExactPower = 22;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The value of <paramref name="utf8"/> when it has the common form and the fast path is exact; false otherwise (nothing is decided then).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        int i = 0, n = utf8.Length;
        if (n == 0) return false;
        bool negative = false;
        if (utf8[0] is (byte)'-' or (byte)'+')
        {
            negative = utf8[0] == '-';
            i = 1;
        }
        ulong mantissa = 0;
        int significant = 0, scale = 0, integerDigits = 0;
        for (; i < n && IsDigit(utf8[i]); i++, integerDigits++)
            if (!Accumulate(utf8[i], ref mantissa, ref significant)) return false;
        if (integerDigits == 0) return false; // ".5", "-", "e3": left to the BCL
        if (i < n && utf8[i] == '.')
        {
            i++;
            int fraction = 0;
            for (; i < n && IsDigit(utf8[i]); i++, fraction++)
                if (!Accumulate(utf8[i], ref mantissa, ref significant)) return false;
            if (fraction == 0) return false; // "1."
            scale = -fraction;
        }
        if (i < n && utf8[i] is (byte)'e' or (byte)'E')
        {
            i++;
            bool negativeExponent = false;
            if (i < n && utf8[i] is (byte)'-' or (byte)'+')
            {
                negativeExponent = utf8[i] == '-';
                i++;
            }
            int exponent = 0, digits = 0;
            for (; i < n && IsDigit(utf8[i]); i++, digits++)
            {
                if (digits == 4) return false; // far beyond the fast range
                exponent = exponent * 10 + (utf8[i] - '0');
            }
            if (digits == 0) return false;
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != n || mantissa > MaxExactMantissa || scale < -MaxExactPower || scale > MaxExactPower) return false;
        double w = mantissa;
        double result = scale >= 0 ? w * PowersOfTen[scale] : w / PowersOfTen[-scale];
        value = negative ? -result : result; // "-0" is −0.0, as the BCL gives
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Adds a digit to the mantissa; leading zeros are not significant. False past 19 significant digits (ulong range).</summary>
    private static bool Accumulate(byte digit, ref ulong mantissa, ref int significant)
    {
        if (mantissa == 0 && digit == '0') return true;
        if (++significant > 19) return false;
        mantissa = mantissa * 10 + (ulong)(digit - '0');
        return true;
    }
}
