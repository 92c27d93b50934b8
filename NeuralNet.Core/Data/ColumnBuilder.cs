using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace NeuralNet.Core.Data;

/// <summary>
/// Builds one column of one chunk of rows, parsing each cell once from its UTF-8 bytes. The column stays numeric
/// (float32, widened to float64 when needed) until a present cell is not a usable number; from then on cells are
/// interned as text. The numbers before that row keep no text: <see cref="ColumnMerger"/> turns them into categories
/// exactly, from the spellings kept for them when they have few distinct values, or by reading the column again.
/// </summary>
internal sealed class ColumnBuilder
{
    private readonly CellParser _parser;
    private readonly string _where; // "path" for messages
    private readonly string _name;
    private readonly int _field;
    private float[] _single = [];
    private double[]? _double;
    private int[]? _codes;
    private Dictionary<string, int>? _index;
    private readonly List<string> _vocabulary = [];
    private readonly List<bool> _codeIsNumber = [];
    private Dictionary<double, string>? _spellings;
    private bool _spellingsExact = true; // every value was written one way only, so its spelling gives back the text
    private long _present, _numbers;
    private int _firstBad = -1, _firstOdd = -1;
    private string? _firstBadText, _firstOddText;
    private char[]? _chars; // for decoding a cell that is not a plain number; most chunks never need it
    private readonly ManyDistinctColumns? _many;
    private readonly bool _checkNul;
    private bool _fastNumbers; // numeric, and the culture spells numbers as FastDecimal reads them
    private int _numericRows; // rows stored as numbers before the column turned to text
    internal const double SmallestNormalSingle = 1.17549435e-38; // below it float32 keeps fewer digits

    /// <summary>
    /// Creates a builder; <paramref name="wide"/> stores float64 from the start, <paramref name="text"/> interns every cell.
    /// <paramref name="rows"/> is how many rows to make room for (an estimate: the arrays grow past it); the number
    /// arrays come from <see cref="ArrayPool{T}.Shared"/>, so that a part that is copied elsewhere can give them back
    /// (<see cref="ColumnPart.Release"/>). <paramref name="checkNul"/> false when the caller has seen that the bytes hold no NUL.
    /// <paramref name="many"/>, shared by the chunks of one read, tells which columns keep no spellings.
    /// </summary>
    public ColumnBuilder(CellParser parser, string where, string name, int field, bool wide, bool text, int rows = 0, bool checkNul = true,
        ManyDistinctColumns? many = null)
    {
        (_parser, _where, _name, _field, _checkNul, _many) = (parser, where, name, field, checkNul, many);
        if (many?.Has(field) != true) _spellings = [];
        _fastNumbers = parser.IsFast && !text;
        if (text) StartText();
        else if (wide) _double = ArrayPool<double>.Shared.Rent(Math.Max(1024, rows));
        else _single = ArrayPool<float>.Shared.Rent(Math.Max(1024, rows));
    }

    /// <summary>Rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>Rows before this one were stored as numbers (all of them while the column is numeric).</summary>
    public int NumericRows => _codes is null ? Count : _numericRows;

    /// <summary>Whether cells are being interned as text.</summary>
    public bool IsText => _codes is not null;

    /// <summary>Appends the cell of the next row; <paramref name="line"/> is its line in the file, for messages.</summary>
    /// <exception cref="DataException">If the cell's bytes are not valid UTF-8.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the per-cell loop of ChunkParser.Parse (no call per cell); the rest is AppendFull
    public void Append(ReadOnlySpan<byte> cell, long line)
    {
        // The usual cell of a numeric column: a plain decimal (which holds no NUL and no whitespace) that fits the
        // array as it is. Anything else, including a value that needs float64 or more room, takes the full path.
        if (_fastNumbers && FastDecimal.TryParse(cell, out double fast))
        {
            int count = Count;
            double stored;
            if (_double is null)
            {
                if (!FitsSingle(fast) || (uint)count >= (uint)_single.Length) goto Full;
                _single[count] = (float)fast;
                stored = (float)fast;
            }
            else
            {
                if ((uint)count >= (uint)_double.Length) goto Full;
                _double[count] = stored = fast;
            }
            Count = count + 1;
            _present++; _numbers++;
            if (_spellings is not null) SpellAscii(stored, cell);
            return;
        }
    Full:
        AppendFull(cell, line);
    }

    /// <summary>Any cell: missing, text, a number in another spelling or culture, or one that makes the column float64.</summary>
    private void AppendFull(ReadOnlySpan<byte> cell, long line)
    {
        if (_checkNul && cell.Contains((byte)0)) throw CsvFiles.NulByte(_where, line, _name); // .NET reads "5\0" as 5: refused anywhere, not only in the first 64 KiB
        if (_codes is null)
        {
            // The usual cell first: a number, parsed from its bytes (NaN and ∞ do not pass, so markers still read as missing).
            if (_parser.TryParseUtf8(cell, out double v))
            {
                _present++; _numbers++;
                AddNumber(v);
                if (_spellings is not null) SpellAscii(Last, cell[Ascii.Trim(cell)]);
                return;
            }
            if (Ascii.IsValid(cell) && CellParser.IsMissingAscii(cell)) { AddNumber(double.NaN); return; }
        }
        var text = Decode(cell, line);
        if (_codes is null)
        {
            if (CellParser.IsMissing(text)) { AddNumber(double.NaN); return; }
            if (_parser.TryParse(text, out double v))
            {
                _present++; _numbers++;
                AddNumber(v);
                if (_spellings is not null) Spell(Last, text.Trim());
                return;
            }
            StartText();
        }
        AppendText(text);
    }

    /// <summary>Appends an already decoded cell as text (used when numbers are turned into categories).</summary>
    public void AppendText(ReadOnlySpan<char> text)
    {
        Grow();
        var t = text.Trim();
        if (CellParser.IsMissing(t)) { _codes![Count++] = -1; return; }
        _present++;
        int code = Intern(t);
        if (_codeIsNumber[code]) _numbers++;
        _codes![Count++] = code;
    }

    /// <summary>The column so far, numeric or text.</summary>
    public ColumnPart Finish() => new(_name, Count, NumericRows, _single, _double, _codes, _vocabulary, _spellings, _spellingsExact,
        new ColumnStats(_present, _numbers, _firstBad, _firstBadText, _firstOdd, _firstOddText));

    private int Intern(ReadOnlySpan<char> t)
    {
        var lookup = _index!.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(t, out int code)) return code;
        string s = t.ToString();
        code = _vocabulary.Count;
        _vocabulary.Add(s);
        _index[s] = code;
        bool usable = _parser.TryParse(s, out _);
        bool number = usable || _parser.IsNonFinite(s) || _parser.IsCommaNumber(s);
        _codeIsNumber.Add(number);
        // A code is new the first time its text appears, so the first bad (or odd) code marks the first such row.
        if (!number && _firstBad < 0) (_firstBad, _firstBadText) = (Count, s);
        if (number && !usable && _firstOdd < 0) (_firstOdd, _firstOddText) = (Count, s);
        return code;
    }

    private void StartText()
    {
        _codes = new int[Math.Max(16, Count * 2)];
        Array.Fill(_codes, -2, 0, Count); // -2: stored as a number, turned into a category by the merger
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        _numericRows = Count;
        _fastNumbers = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddNumber(double v)
    {
        if (_double is null && v != 0 && double.IsFinite(v) && (Math.Abs(v) > float.MaxValue || Math.Abs(v) < SmallestNormalSingle)) Widen();
        if (_double is not null)
        {
            if (Count == _double.Length) Grow(ref _double, Count);
            _double[Count] = v;
        }
        else
        {
            if (Count == _single.Length) Grow(ref _single, Count);
            _single[Count] = (float)v;
        }
        Count++;
    }

    /// <summary>Whether a finite <paramref name="v"/> keeps its digits in float32: 0, or a normal float32 magnitude (else <see cref="Widen"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FitsSingle(double v)
    {
        // Positive doubles order as their bits do: one unsigned comparison tests SmallestNormalSingle ≤ |v| ≤ float.MaxValue.
        ulong bits = BitConverter.DoubleToUInt64Bits(v) & 0x7FFF_FFFF_FFFF_FFFF;
        return bits - SmallestNormalBits <= LargestSingleBits - SmallestNormalBits || bits == 0;
    }

    // The bits of SmallestNormalSingle and of float.MaxValue as doubles (constants, so the per-cell code needs no static field; a test checks them).
    internal const ulong SmallestNormalBits = 0x380F_FFFF_FF9F_DBA8;
    internal const ulong LargestSingleBits = 0x47EF_FFFF_E000_0000;

    /// <summary>The last value as stored (float32-rounded unless widened): the key of its spelling, so the merger finds it.</summary>
    private double Last => _double is not null ? _double[Count - 1] : _single[Count - 1];

    private void Widen()
    {
        _double = ArrayPool<double>.Shared.Rent(Math.Max(1024, _single.Length));
        for (int i = 0; i < Count; i++) _double[i] = _single[i];
        if (_single.Length > 0) ArrayPool<float>.Shared.Return(_single);
        _single = [];
    }

    /// <summary>Twice the room for <paramref name="count"/> values, from the pool (the old array goes back to it).</summary>
    private static void Grow<TValue>(ref TValue[] array, int count)
    {
        var bigger = ArrayPool<TValue>.Shared.Rent(Math.Max(1024, count * 2));
        array.AsSpan(0, count).CopyTo(bigger);
        if (array.Length > 0) ArrayPool<TValue>.Shared.Return(array);
        array = bigger;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SpellAscii(double value, ReadOnlySpan<byte> text)
    {
        if (_spellings!.TryGetValue(value, out var known)) _spellingsExact &= Ascii.Equals(text, known);
        else Add(value, Encoding.ASCII.GetString(text));
    }

    private void Spell(double value, ReadOnlySpan<char> text)
    {
        if (_spellings!.TryGetValue(value, out var known)) _spellingsExact &= text.SequenceEqual(known);
        else Add(value, text.ToString());
    }

    private void Add(double value, string text)
    {
        if (_spellings!.Count < NumericColumn.MaxSpellings) _spellings[value] = text;
        else
        {
            _spellings = null; // too many distinct values to be class labels
            _many?.Mark(_field);
        }
    }

    private void Grow()
    {
        if (Count == _codes!.Length) Array.Resize(ref _codes, Count * 2);
    }

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> cell, long line)
    {
        _chars ??= new char[256];
        var chars = cell.Length <= _chars.Length ? _chars.AsSpan(0, Encoding.UTF8.GetChars(cell, _chars)) : Encoding.UTF8.GetString(cell).AsSpan();
        if (chars.Contains('\uFFFD'))
            throw new DataException($"{_where}:{line}: column '{_name}' (field {_field + 1}) has bytes that are not valid UTF-8 text; save the file as UTF-8");
        return chars;
    }
}

/// <summary>A column of one chunk as a <see cref="ColumnBuilder"/> left it.</summary>
internal sealed record ColumnPart(string Name, int Count, int NumericRows, float[] Single, double[]? Double, int[]? Codes,
    List<string> Vocabulary, Dictionary<double, string>? Spellings, bool SpellingsExact, ColumnStats Stats)
{
    /// <summary>Gives the number arrays back to the pool, once they have been copied elsewhere; the part is not used after.</summary>
    public void Release()
    {
        if (Single.Length > 0) ArrayPool<float>.Shared.Return(Single);
        if (Double is not null) ArrayPool<double>.Shared.Return(Double);
    }
}
