using System.Runtime.CompilerServices;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called for every cell from the first: no time for tiering
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
        // Every digit goes into the mantissa (leading zeros add nothing); with at most 19 digits in all it cannot
        // overflow, which is the usual cell. Longer spellings take the careful loop, which skips leading zeros.
        ulong mantissa = 0;
        int start = i;
        i = Digits(utf8, i, ref mantissa);
        int integerDigits = i - start, digits = integerDigits, scale = 0;
        if (integerDigits == 0) return false; // ".5", "-", "e3": left to the BCL
        if (i < n && utf8[i] == '.')
        {
            int fractionStart = ++i;
            i = Digits(utf8, i, ref mantissa);
            int fraction = i - fractionStart;
            if (fraction == 0) return false; // "1."
            digits += fraction;
            scale = -fraction;
        }
        if (digits > 19) return TryParseLong(utf8, out value);
        return Exponent(utf8, ref i, ref scale) && Finish(i == n, negative, mantissa, scale, out value);
    }

    /// <summary>Reads an optional <c>(e|E)[+-]digits</c> at <paramref name="i"/> into <paramref name="scale"/>; false if it is malformed or far out of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Exponent(ReadOnlySpan<byte> utf8, ref int i, ref int scale)
    {
        int n = utf8.Length;
        if (i >= n || utf8[i] is not ((byte)'e' or (byte)'E')) return true;
        i++;
        bool negative = false;
        if (i < n && utf8[i] is (byte)'-' or (byte)'+')
        {
            negative = utf8[i] == '-';
            i++;
        }
        int exponent = 0, digits = 0;
        for (; i < n && IsDigit(utf8[i]); i++, digits++)
        {
            if (digits == 4) return false; // far beyond the fast range
            exponent = exponent * 10 + (utf8[i] - '0');
        }
        if (digits == 0) return false;
        scale += negative ? -exponent : exponent;
        return true;
    }

    /// <summary>Adds the digits from <paramref name="i"/> on to <paramref name="mantissa"/> (wrapping past 20 digits); returns the first non-digit's index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Digits(ReadOnlySpan<byte> utf8, int i, ref ulong mantissa)
    {
        for (; i < utf8.Length; i++)
        {
            uint digit = (uint)(utf8[i] - '0');
            if (digit > 9) break;
            mantissa = mantissa * 10 + digit;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Finish(bool whole, bool negative, ulong mantissa, int scale, out double value)
    {
        value = 0;
        if (!whole || mantissa > MaxExactMantissa || scale < -MaxExactPower || scale > MaxExactPower) return false;
        double w = mantissa;
        double result = scale >= 0 ? w * PowersOfTen[scale] : w / PowersOfTen[-scale];
        value = negative ? -result : result; // "-0" is −0.0, as the BCL gives
        return true;
    }

    /// <summary>The same spelling with more than 19 digits: leading zeros are skipped, and 19 significant digits at most.</summary>
    private static bool TryParseLong(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        int i = 0, n = utf8.Length;
        bool negative = false;
        if (utf8[0] is (byte)'-' or (byte)'+')
        {
            negative = utf8[0] == '-';
            i = 1;
        }
        ulong mantissa = 0;
        int significant = 0, scale = 0;
        for (; i < n && IsDigit(utf8[i]); i++)
            if (!Accumulate(utf8[i], ref mantissa, ref significant)) return false;
        if (i < n && utf8[i] == '.')
        {
            i++;
            int fraction = 0;
            for (; i < n && IsDigit(utf8[i]); i++, fraction++)
                if (!Accumulate(utf8[i], ref mantissa, ref significant)) return false;
            scale = -fraction;
        }
        return Exponent(utf8, ref i, ref scale) && Finish(i == n, negative, mantissa, scale, out value);
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
