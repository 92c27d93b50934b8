using System.Globalization;
using System.Text;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Data;

/// <summary>
/// The fast decimal parser against the BCL's <see cref="double.Parse(string, IFormatProvider)"/> (the oracle): whenever
/// it answers, the double must be the same bits; it must answer for the everyday spellings; and whatever it declines,
/// <see cref="CellParser.TryParseUtf8"/> still answers as the BCL does.
/// </summary>
public class FastDecimalTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static bool Fast(string text, out double value) => FastDecimal.TryParse(Encoding.UTF8.GetBytes(text), out value);

    private static void AssertSameAsBcl(string text)
    {
        if (!Fast(text, out double fast)) return;
        double expected = double.Parse(text, NumberStyles.Float, Invariant);
        Assert.That(BitConverter.DoubleToInt64Bits(fast), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), $"'{text}': fast {fast:R}, BCL {expected:R}");
    }

    [TestCase("0.869293")]
    [TestCase("-1.635428")]
    [TestCase("+3.5")]
    [TestCase("42")]
    [TestCase("0")]
    [TestCase("1e5")]
    [TestCase("1.25E-3")]
    [TestCase("6.02e+23")] // w = 602, q = 21
    [TestCase("9007199254740992")] // 2^53: the largest mantissa taken
    [TestCase("0.0000000000000000000001")] // 1e-22
    [TestCase("1234567890123456789e-22")] // 19 digits: larger than 2^53, declined
    [TestCase("-000000000000000000000012.5e-1")] // 24 digits, 3 significant
    [TestCase("0000000000000000000000.000000000000000000012x")] // long, then not a number
    public void EverydaySpellings_AreTheBclDouble(string text) => AssertSameAsBcl(text);

    [TestCase("0.869293")]
    [TestCase("-1.635428")]
    [TestCase("1.25E-3")]
    [TestCase("100")]
    [TestCase("-0")]
    [TestCase("0.0000000000000000000001")] // 23 digits, one significant: the long-spelling loop
    [TestCase("-000000000000000000000012.5e-1")]
    public void EverydaySpellings_TakeTheFastPath(string text) => Assert.That(Fast(text, out _), Is.True);

    [Test]
    public void MinusZero_IsNegativeZero()
    {
        Assert.That(Fast("-0.000", out double v), Is.True);
        Assert.That(double.IsNegative(v) && v == 0, Is.True);
    }

    [TestCase("")]
    [TestCase("-")]
    [TestCase(".5")]
    [TestCase("1.")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("1e")]
    [TestCase("1e+")]
    [TestCase("1e23")] // 10^23 is not exact in a double
    [TestCase("1e-23")]
    [TestCase("9007199254740993")] // 2^53 + 1
    [TestCase("12345678901234567890")] // 20 digits
    [TestCase("1,5")]
    [TestCase("1_0")]
    [TestCase("inf")]
    [TestCase("NaN")]
    [TestCase("0x10")]
    [TestCase("1e00001")]
    [TestCase("١")] // an Arabic-Indic digit
    public void OtherSpellings_AreDeclined(string text) => Assert.That(Fast(text, out _), Is.False);

    [TestCase(" 1.5 ")]
    [TestCase(".5")]
    [TestCase("1.")]
    [TestCase("1e23")]
    [TestCase("123456789012345678901234567890")]
    [TestCase("1e400")]
    [TestCase("inf")]
    [TestCase("abc")]
    [TestCase("-")]
    public void Declined_Cells_StillParseAsTheBclDoes(string text)
    {
        bool bcl = double.TryParse(text, NumberStyles.Float, Invariant, out double expected) && double.IsFinite(expected);
        bool ours = CellParser.Invariant.TryParseUtf8(Encoding.UTF8.GetBytes(text), out double value);
        Assert.That(ours, Is.EqualTo(bcl));
        if (bcl) Assert.That(BitConverter.DoubleToInt64Bits(value), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)));
    }

    [Test]
    public void RandomCorpus_MatchesTheBclBitForBit()
    {
        var random = new Random(20261202);
        int taken = 0;
        const int Cases = 200_000;
        for (int k = 0; k < Cases; k++)
        {
            string text = RandomSpelling(random);
            if (Fast(text, out _)) taken++;
            AssertSameAsBcl(text);
        }
        Assert.That(taken, Is.GreaterThan(Cases / 2), "the corpus exercises the fast path");
    }

    [Test]
    public void RoundTripFormats_OfRandomDoubles_MatchTheBcl()
    {
        var random = new Random(7);
        for (int k = 0; k < 100_000; k++)
        {
            double v = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12));
            AssertSameAsBcl(v.ToString("R", Invariant));
            AssertSameAsBcl(v.ToString("F6", Invariant));
            AssertSameAsBcl(((float)v).ToString("R", Invariant));
            AssertSameAsBcl(v.ToString("E3", Invariant));
        }
    }

    [Test]
    public void CultureWithDecimalComma_NeverTakesTheFastPath()
    {
        var german = new CellParser(CultureInfo.GetCultureInfo("de-DE"));
        // In de-DE '.' is the thousands separator, which NumberStyles.Float does not allow: "1.5" is not a number there.
        Assert.That(german.TryParseUtf8("1.5"u8, out _), Is.False);
        Assert.That(german.TryParseUtf8("1,5"u8, out double v) && v == 1.5, Is.True);
    }

    [Test]
    public void EveryLength_AndEveryPlaceOfThePoint_IsTakenExactlyWhenTheFastPathIsExact()
    {
        // Eight bytes are read at a time: runs of 1 to 24 digits with the point anywhere cross every word boundary.
        var random = new Random(11);
        for (int length = 1; length <= 24; length++)
            for (int point = 0; point <= length; point++)
                for (int k = 0; k < 40; k++)
                {
                    var s = new StringBuilder();
                    s.Append((k % 3) switch { 1 => "-", 2 => "+", _ => "" });
                    for (int d = 0; d < length; d++)
                    {
                        if (d == point && point > 0) s.Append('.');
                        // Leading zeros often, so that long spellings with few significant digits are common.
                        s.Append(k % 4 == 0 && d < length / 2 ? '0' : (char)('0' + random.Next(10)));
                    }
                    if (k % 5 == 0) s.Append(k % 2 == 0 ? "e-" : "E").Append(random.Next(0, 25));
                    AssertMatchesTheRule(s.ToString());
                }
    }

    [Test]
    public void Cells_InsideALargerBuffer_AreReadWithinTheirBounds()
    {
        // A cell is a slice of the reader's buffer: the bytes around it (digits here) must not leak into the number.
        foreach (string cell in new[] { "1", "12", "1.5", "-0.5", "0.869293", "-0.869293", "12345678", "123456789", "1.2345678", "7e3", "+1234567.25" })
        {
            byte[] buffer = Encoding.ASCII.GetBytes("99999999" + cell + "99999999");
            var slice = buffer.AsSpan(8, cell.Length);
            Assert.That(FastDecimal.TryParse(slice, out double v), Is.True, cell);
            Assert.That(v, Is.EqualTo(double.Parse(cell, Invariant)), cell);
            // At the very end and at the very start of an array, too.
            Assert.That(FastDecimal.TryParse(buffer.AsSpan(8, cell.Length + 8)[..cell.Length], out double w) && w == v, Is.True, cell);
            byte[] alone = Encoding.ASCII.GetBytes(cell);
            Assert.That(FastDecimal.TryParse(alone, out double x) && x == v, Is.True, cell);
        }
    }

    [Test]
    public void EveryOneByteCell_IsADigitOrDeclined()
    {
        for (int b = 0; b < 256; b++)
        {
            bool taken = FastDecimal.TryParse([(byte)b], out double v);
            Assert.That(taken, Is.EqualTo(b is >= '0' and <= '9'), $"byte {b}");
            if (taken) Assert.That(BitConverter.DoubleToInt64Bits(v), Is.EqualTo(BitConverter.DoubleToInt64Bits(b - '0')), $"byte {b}");
        }
    }

    [TestCase("1a")]
    [TestCase("12345678a")]
    [TestCase("1234567.a")]
    [TestCase("1.2345678/")]
    [TestCase("1.:")]
    [TestCase("-.5")]
    [TestCase("1.5.")]
    [TestCase("1e5x")]
    [TestCase("1\0")]
    public void ANonDigitAnywhere_IsDeclined(string text) => Assert.That(Fast(text.Replace("\\0", "\0"), out _), Is.False);

    /// <summary>
    /// The fast parser answers exactly when the spelling is well formed and Clinger's rule holds (at most 19 significant
    /// digits, w ≤ 2^53, |q| ≤ 22, an exponent of at most 4 digits), and then with the BCL's double.
    /// </summary>
    private static void AssertMatchesTheRule(string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^[+-]?(\d+)(?:\.(\d+))?(?:[eE]([+-]?)(\d{1,4}))?$");
        bool expected = false;
        if (m.Success)
        {
            string digits = (m.Groups[1].Value + m.Groups[2].Value).TrimStart('0');
            int scale = -m.Groups[2].Length + (m.Groups[4].Success ? (m.Groups[3].Value == "-" ? -1 : 1) * int.Parse(m.Groups[4].Value) : 0);
            expected = digits.Length <= 19 && (digits.Length == 0 || System.Numerics.BigInteger.Parse(digits) <= (System.Numerics.BigInteger.One << 53))
                && Math.Abs(scale) <= 22;
        }
        Assert.That(Fast(text, out _), Is.EqualTo(expected), text);
        AssertSameAsBcl(text);
    }

    /// <summary>Digits, a point, an exponent and signs in random lengths, with leading and trailing zeros.</summary>
    private static string RandomSpelling(Random random)
    {
        var s = new StringBuilder();
        int sign = random.Next(3);
        if (sign == 1) s.Append('-');
        else if (sign == 2) s.Append('+');
        int integer = random.Next(0, 12);
        if (random.Next(4) == 0) s.Append('0', random.Next(1, 4));
        for (int i = 0; i < integer; i++) s.Append((char)('0' + random.Next(10)));
        if (integer == 0) s.Append('0');
        if (random.Next(4) > 0)
        {
            s.Append('.');
            int fraction = random.Next(1, 14);
            for (int i = 0; i < fraction; i++) s.Append((char)('0' + random.Next(10)));
        }
        if (random.Next(3) == 0)
        {
            s.Append(random.Next(2) == 0 ? 'e' : 'E');
            int es = random.Next(3);
            if (es == 1) s.Append('-');
            else if (es == 2) s.Append('+');
            s.Append(random.Next(0, 30));
        }
        return s.ToString();
    }
}
