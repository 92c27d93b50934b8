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
