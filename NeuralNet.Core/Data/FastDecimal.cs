using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralNet.Core.Data;

/// <summary>
/// Parses the common spelling of a decimal number, <c>[+-]digits[.digits][(e|E)[+-]digits]</c>, from UTF-8 bytes
/// when the result is exact by Clinger's fast path: at most 19 significant digits forming an integer w ≤ 2^53 and a
/// power of ten |q| ≤ 22. Then w and 10^|q| are both exact doubles, and one IEEE multiplication or division rounds
/// w·10^q correctly, which is the double <see cref="double.Parse(string)"/> returns. Anything else (whitespace, more
/// digits, larger exponents, <c>.5</c>, <c>inf</c>) returns false so that the caller falls back to the BCL parser.
/// </summary>
/// <remarks>
/// Digits are read eight bytes at a time (SWAR): one load, a test of all eight bytes for digits that also finds where
/// the run ends, and three multiplications for the run's value, so that a cell costs no branch per digit.
/// </remarks>
internal static class FastDecimal
{
    private const ulong MaxExactMantissa = 1UL << 53;
    private const int MaxExactPower = 22;
    private const ulong Ones = 0x0101010101010101;

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static ReadOnlySpan<ulong> IntegerPowersOfTen => [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

    /// <summary>The value of <paramref name="utf8"/> when it has the common form and the fast path is exact; false otherwise (nothing is decided then).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] // every cell, from the first: no time for tiering
    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value)
    {
        // The usual cell of a data file in straight-line code: eight bytes or more, [sign] 1–7 digits [. 1–7 digits],
        // nothing after. Any other spelling is read by the general loop below, which applies the same rule.
        int n = utf8.Length;
        if (!BitConverter.IsLittleEndian || n < 8) return n == 1 ? OneDigit(utf8[0], out value) : TryParseGeneral(utf8, out value);
        ref byte p = ref MemoryMarshal.GetReference(utf8);
        int first = p;
        int start = ((first - '+') & ~2) == 0 ? 1 : 0; // '+' or '-', without a branch: signs are unpredictable in data
        ulong negative = first == '-' ? 1UL : 0UL;
        ulong word = Tail(ref p, start, n);
        int integer = DigitsAtStart(word);
        if ((uint)(integer - 1) >= 7) return TryParseGeneral(utf8, out value); // no digit, or eight or more
        ulong mantissa = EightDigits((word & 0x0F0F0F0F0F0F0F0F) << (64 - 8 * integer));
        int end = start + integer, scale = 0;
        if ((byte)(word >> (8 * integer)) == '.')
        {
            ulong fractionWord = Tail(ref p, end + 1, n);
            int fraction = DigitsAtStart(fractionWord);
            if ((uint)(fraction - 1) >= 7) return TryParseGeneral(utf8, out value);
            mantissa = mantissa * IntegerPowersOfTen[fraction] + EightDigits((fractionWord & 0x0F0F0F0F0F0F0F0F) << (64 - 8 * fraction));
            end += 1 + fraction;
            scale = -fraction;
        }
        if (end != n) return TryParseGeneral(utf8, out value); // an exponent, or not a number
        return Finish(negative, mantissa, scale, out value); // at most 14 digits: no overflow, and w < 2^53
    }

    /// <summary>A cell of one byte: a digit (class labels, flags) is its value; anything else is declined, as the general loop would.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OneDigit(byte b, out double value)
    {
        uint digit = (uint)(b - '0');
        value = digit;
        if (digit <= 9) return true;
        value = 0;
        return false;
    }

    /// <summary>The eight bytes of a cell of at least eight from <paramref name="i"/> on, zero past its end: one load, or its last eight bytes shifted down.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tail(ref byte p, int i, int n)
    {
        int left = n - i;
        if (left >= 8) return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i));
        int drop = 4 * (8 - left); // two shifts of at most 32 bits, so that nothing is left when the cell has ended (left = 0)
        return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, n - 8)) >> drop >> drop;
    }

    /// <summary>Any spelling, digits eight bytes at a time: the rule of <see cref="TryParse"/> for what its straight line does not take.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseGeneral(ReadOnlySpan<byte> utf8, out double value)
    {
        int n = utf8.Length;
        if (!BitConverter.IsLittleEndian || n == 0) return TryParseLong(utf8, out value);
        ref byte p = ref MemoryMarshal.GetReference(utf8);
        int first = p;
        int i = ((first - '+') & ~2) == 0 ? 1 : 0;
        ulong negative = first == '-' ? 1UL : 0UL;
        ulong mantissa = 0;
        int integerEnd = Run(ref p, i, n, ref mantissa);
        int digits = integerEnd - i;
        if (digits == 0) return Declined(out value); // ".5", "-", "e3": left to the BCL
        i = integerEnd;
        int scale = 0;
        if (i < n && Unsafe.Add(ref p, i) == '.')
        {
            int fractionEnd = Run(ref p, i + 1, n, ref mantissa);
            int fraction = fractionEnd - (i + 1);
            if (fraction == 0) return Declined(out value); // "1."
            digits += fraction;
            scale = -fraction;
            i = fractionEnd;
        }
        if (digits > 19) return TryParseLong(utf8, out value);
        if (i < n)
        {
            if (!ExponentToEnd(utf8, i, out int exponent)) return Declined(out value);
            scale += exponent;
        }
        return Finish(negative, mantissa, scale, out value);
    }

    /// <summary>
    /// Adds the run of digits at <paramref name="i"/> to <paramref name="mantissa"/> (wrapping past 20 digits), eight
    /// bytes at a time; returns the index after it. No index lives in memory (no ref to it), so nothing waits on a store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Run(ref byte p, int i, int n, ref ulong mantissa)
    {
        while (true)
        {
            ulong word = Window(ref p, i, n);
            int k = DigitsAtStart(word);
            if (k == 0) return i;
            // The k digits, moved to the top bytes: the bytes shifted in are leading zeros.
            ulong digits = (word & 0x0F0F0F0F0F0F0F0F) << ((8 - k) * 8);
            mantissa = mantissa * IntegerPowersOfTen[k] + EightDigits(digits);
            i += k;
            if (k < 8) return i;
        }
    }

    /// <summary>The eight bytes from <paramref name="i"/> on as a little-endian word, zero past the end of the cell (zero is not a digit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Window(ref byte p, int i, int n)
    {
        int left = n - i;
        if (left >= 8) return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i));
        if (left <= 0) return 0;
        // The cell's last eight bytes, shifted down so that byte i comes first (cells of eight bytes and more).
        if (n >= 8) return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, n - 8)) >> ((8 - left) * 8);
        ulong word = 0;
        for (int j = n - 1; j >= i; j--) word = word << 8 | Unsafe.Add(ref p, j);
        return word;
    }

    /// <summary>How many of the word's bytes, from the first, are ASCII digits (0 to 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitsAtStart(ulong word)
    {
        // A byte is a digit when its high nibble is 3 and its low nibble at most 9 (adding 6 then stays below 16);
        // no step carries from one byte into the next. The lowest non-zero byte of 'other' is the first non-digit.
        ulong high = (word & 0xF0F0F0F0F0F0F0F0) ^ (3 * 0x10 * Ones);
        ulong low = ((word & 0x0F0F0F0F0F0F0F0F) + 6 * Ones) & 0xF0F0F0F0F0F0F0F0;
        return BitOperations.TrailingZeroCount(high | low) >> 3;
    }

    /// <summary>The number of eight digit values (0 to 9, one per byte, the first byte the most significant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong v)
    {
        const ulong Mask = 0x000000FF000000FF;
        const ulong Mul1 = 100 + (1000000UL << 32);
        const ulong Mul2 = 1 + (10000UL << 32);
        v = v * 10 + (v >> 8); // pairs of digits
        return (((v & Mask) * Mul1) + (((v >> 16) & Mask) * Mul2)) >> 32;
    }

    /// <summary>
    /// Reads <c>(e|E)[+-]digits</c> from <paramref name="i"/> to the end of the cell; false if it is malformed, is
    /// followed by anything, or has more than four digits (far beyond the fast range).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare in data files: kept out of the per-cell path
    private static bool ExponentToEnd(ReadOnlySpan<byte> utf8, int i, out int exponent)
    {
        exponent = 0;
        int n = utf8.Length;
        if (utf8[i] is not ((byte)'e' or (byte)'E')) return false;
        i++;
        bool negative = false;
        if (i < n && utf8[i] is (byte)'-' or (byte)'+')
        {
            negative = utf8[i] == '-';
            i++;
        }
        int digits = 0;
        for (; i < n && IsDigit(utf8[i]); i++, digits++)
        {
            if (digits == 4) return false;
            exponent = exponent * 10 + (utf8[i] - '0');
        }
        if (digits == 0 || i != n) return false;
        if (negative) exponent = -exponent;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Finish(ulong negative, ulong mantissa, int scale, out double value)
    {
        if (mantissa > MaxExactMantissa || (uint)(scale + MaxExactPower) > 2 * MaxExactPower) return Declined(out value);
        double w = (long)mantissa; // ≤ 2^53: exact, and the signed conversion is one instruction
        double result = scale >= 0 ? w * PowersOfTen[scale] : w / PowersOfTen[-scale];
        // The sign bit set without a branch (result is +0.0 or positive): "-0" is −0.0, as the BCL gives.
        value = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(result) | negative << 63);
        return true;
    }

    private static bool Declined(out double value)
    {
        value = 0;
        return false;
    }

    /// <summary>
    /// The same spelling read one byte at a time: leading zeros are skipped, and 19 significant digits at most (for
    /// spellings with more than 19 digits, and on big-endian machines).
    /// </summary>
    private static bool TryParseLong(ReadOnlySpan<byte> utf8, out double value)
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
        int significant = 0, scale = 0, start = i;
        for (; i < n && IsDigit(utf8[i]); i++)
            if (!Accumulate(utf8[i], ref mantissa, ref significant)) return false;
        if (i == start) return false;
        if (i < n && utf8[i] == '.')
        {
            int fractionStart = ++i;
            for (; i < n && IsDigit(utf8[i]); i++)
                if (!Accumulate(utf8[i], ref mantissa, ref significant)) return false;
            if (i == fractionStart) return false;
            scale = -(i - fractionStart);
        }
        int exponent = 0;
        if (i < n && !ExponentToEnd(utf8, i, out exponent)) return false;
        return Finish(negative ? 1UL : 0UL, mantissa, scale + exponent, out value);
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
