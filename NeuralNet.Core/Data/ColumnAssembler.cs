using System.Buffers;

using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Data;

/// <summary>
/// Joins the chunks of a file read in parallel into whole columns as they finish, in file order, so that only the
/// chunks in flight are held besides the columns. A numeric part is copied onto the end of its column (sized from the
/// estimated row count, grown when the estimate was short) and its arrays go back to the pool for the next chunk; from
/// a column's first text part on, its parts are kept and <see cref="ColumnMerger"/> joins them at the end, with the
/// numbers before as one part, exactly as if every part had been kept.
/// </summary>
internal sealed class ColumnAssembler
{
    private readonly string[] _names;
    private readonly int _capacity;
    private readonly bool _wide;
    private Column[] _columns = [];
    private long[] _lines = [];
    private int _rows;
    private readonly Lock _reserving = new();
    private volatile bool _reserved;

    /// <summary>Will make room for about <paramref name="rows"/> rows of <paramref name="columns"/> columns (float64 with <paramref name="wide"/>).</summary>
    public ColumnAssembler(string[] columns, int rows, bool wide) => (_names, _capacity, _wide) = (columns, Math.Max(1024, rows), wide);

    /// <summary>Rows added so far.</summary>
    public int Rows => _rows;

    /// <summary>
    /// Allocates the columns, if not done yet. Fresh memory is zeroed by the system as it is first touched (most of it
    /// here), which takes long on a virtual machine; the reading thread calls this once the first chunks are being
    /// parsed, so that the time overlaps with theirs instead of coming before it.
    /// </summary>
    public void Reserve()
    {
        if (_reserved) return;
        lock (_reserving)
        {
            if (_reserved) return;
            _columns = _names.Select(name => new Column(name, _capacity, _wide)).ToArray();
            _lines = LargeArrays.Uninitialized<long>(_capacity);
            _reserved = true;
        }
    }

    /// <summary>Adds the next chunk in file order.</summary>
    public void Add(ChunkResult chunk)
    {
        Reserve();
        EnsureRoom(ref _lines, _rows, chunk.Rows);
        chunk.Lines.AsSpan(0, chunk.Rows).CopyTo(_lines.AsSpan(_rows));
        for (int c = 0; c < _columns.Length; c++) _columns[c].Add(chunk.Parts[c]!, _rows);
        _rows += chunk.Rows;
        ArrayPool<long>.Shared.Return(chunk.Lines);
    }

    /// <summary>The line each row starts on.</summary>
    public long[] Lines => _lines;

    /// <summary>Column <paramref name="c"/>, or null when its numbers cannot be turned back into their text exactly (read it again).</summary>
    public DataColumn? Finish(int c)
    {
        Reserve();
        return _columns[c].Finish(_rows);
    }

    /// <summary>Grows <paramref name="array"/> by at least a quarter when <paramref name="more"/> values do not fit after <paramref name="count"/>.</summary>
    private static void EnsureRoom<TValue>(ref TValue[] array, int count, int more)
    {
        if (count + more <= array.Length) return;
        var bigger = LargeArrays.Uninitialized<TValue>(Math.Max(count + more, array.Length + array.Length / 4));
        array.AsSpan(0, count).CopyTo(bigger);
        array = bigger;
    }

    /// <summary>One column: the numbers joined so far, then (once a part had text) the parts kept as they are.</summary>
    private sealed class Column(string name, int capacity, bool wide)
    {
        private float[] _single = wide ? [] : LargeArrays.Uninitialized<float>(capacity);
        private double[]? _double = wide ? LargeArrays.Uninitialized<double>(capacity) : null;
        private int _joined; // rows in _single/_double
        private Dictionary<double, string>? _spellings = [];
        private bool _spellingsExact = true;
        private long _present, _numbers;
        private int _firstBad = -1, _firstOdd = -1;
        private string? _firstBadText, _firstOddText;
        private List<ColumnPart>? _kept; // from the first text part on

        public void Add(ColumnPart part, int at)
        {
            if (_kept is null && part.Codes is null)
            {
                Join(part, at);
                part.Release();
            }
            else (_kept ??= []).Add(part);
        }

        public DataColumn? Finish(int rows)
        {
            var stats = new ColumnStats(_present, _numbers, _firstBad, _firstBadText, _firstOdd, _firstOddText);
            var joined = new ColumnPart(name, _joined, _joined, _single, _double, null, [], _spellings, _spellingsExact, stats);
            if (_kept is null) return new NumericColumn(name, stats, _double is null ? _single : null, _double, rows, _spellings);
            return ColumnMerger.Merge(_joined > 0 ? [joined, .. _kept] : _kept);
        }

        private void Join(ColumnPart part, int at)
        {
            if (part.Double is not null && _double is null)
            {
                // A value this chunk kept as float64: the whole column becomes float64 (float32 values widen exactly).
                _double = LargeArrays.Uninitialized<double>(Math.Max(_single.Length, at + part.Count));
                for (int r = 0; r < _joined; r++) _double[r] = _single[r];
                _single = [];
            }
            if (_double is not null)
            {
                EnsureRoom(ref _double, _joined, part.Count);
                if (part.Double is { } d) d.AsSpan(0, part.Count).CopyTo(_double.AsSpan(_joined));
                else for (int r = 0; r < part.Count; r++) _double[_joined + r] = part.Single[r];
            }
            else
            {
                EnsureRoom(ref _single, _joined, part.Count);
                part.Single.AsSpan(0, part.Count).CopyTo(_single.AsSpan(_joined));
            }
            AddStats(part.Stats, at);
            AddSpellings(part);
            _joined += part.Count;
        }

        private void AddStats(ColumnStats s, int at)
        {
            _present += s.Present;
            _numbers += s.Numbers;
            if (_firstBad < 0 && s.FirstBadRow >= 0) (_firstBad, _firstBadText) = (at + s.FirstBadRow, s.FirstBadText);
            if (_firstOdd < 0 && s.FirstOddRow >= 0) (_firstOdd, _firstOddText) = (at + s.FirstOddRow, s.FirstOddText);
        }

        /// <summary>
        /// The first spelling of each value; exact while every part was and no two parts spelled a value differently
        /// (otherwise a text column reads its text again, which gives the same categories as parts merged one by one).
        /// </summary>
        private void AddSpellings(ColumnPart part)
        {
            if (_spellings is null) return;
            if (part.Spellings is null) { _spellings = null; return; }
            _spellingsExact &= part.SpellingsExact;
            foreach (var (value, text) in part.Spellings)
            {
                if (_spellings.TryGetValue(value, out var known)) _spellingsExact &= known == text;
                else _spellings[value] = text;
            }
            if (_spellings.Count > NumericColumn.MaxSpellings) _spellings = null;
        }
    }
}
