namespace NeuralNet.Core.Data;

/// <summary>
/// The class of each row of a split, to stratify it by: codes 0…<see cref="Count"/>−1 numbered in the ordinal order of
/// the class labels, so the groups come in the order the labels sort in, however the classes were found.
/// </summary>
public sealed class Strata
{
    private readonly int[] _codes;

    /// <summary>Creates strata from codes already numbered in label order.</summary>
    /// <exception cref="ArgumentException">If a code is outside 0…<paramref name="count"/>−1.</exception>
    public Strata(int[] codes, int count)
    {
        ArgumentNullException.ThrowIfNull(codes);
        foreach (int c in codes)
            if ((uint)c >= (uint)count) throw new ArgumentException($"A stratum code {c} is outside 0…{count - 1}.", nameof(codes));
        (_codes, Count) = (codes, count);
    }

    /// <summary>The number of classes.</summary>
    public int Count { get; }

    /// <summary>The number of rows.</summary>
    public int Rows => _codes.Length;

    /// <summary>Strata from one label per row ("" for a missing one); null gives null (no stratification).</summary>
    public static Strata? FromLabels(IReadOnlyList<string>? labels)
    {
        if (labels is null) return null;
        var codes = new int[labels.Count];
        var keys = new KeyCodes();
        var keyOf = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < codes.Length; i++)
        {
            if (!keyOf.TryGetValue(labels[i], out long key)) keyOf[labels[i]] = key = keyOf.Count;
            codes[i] = keys.TryCode(key, out int code) ? code : keys.Add(key, labels[i]);
        }
        return keys.Ranked(codes);
    }

    /// <summary>
    /// Positions 0…count−1 grouped by class (groups in label order, positions ascending within a group), or one group
    /// when <paramref name="strata"/> is null.
    /// </summary>
    internal static List<int[]> Groups(int count, Strata? strata)
    {
        if (strata is null) return [Enumerable.Range(0, count).ToArray()];
        if (strata.Rows != count) throw new ArgumentException($"The strata have {strata.Rows} rows; the split has {count}.", nameof(strata));
        var sizes = new int[strata.Count];
        foreach (int c in strata._codes) sizes[c]++;
        var groups = sizes.Select(n => new int[n]).ToArray();
        var filled = new int[groups.Length];
        for (int i = 0; i < count; i++)
        {
            int c = strata._codes[i];
            groups[c][filled[c]++] = i;
        }
        return groups.Where(g => g.Length > 0).ToList();
    }

    /// <summary>
    /// Numbers distinct keys (a value's bits, a category code) in the order first seen, each with its label, then
    /// renumbers them in the ordinal order of the labels (keys with equal labels share a class). Rows usually repeat the
    /// key of the row before: that is checked first, so most rows cost one comparison.
    /// </summary>
    internal sealed class KeyCodes
    {
        private readonly List<long> _keys = new();
        private readonly List<string> _labels = new();
        private Dictionary<long, int>? _index; // once there are many classes
        private long _lastKey;
        private int _lastCode = -1;

        /// <summary>The code of <paramref name="key"/> if it was seen; otherwise false (then <see cref="Add"/> it).</summary>
        public bool TryCode(long key, out int code)
        {
            if (_lastCode >= 0 && key == _lastKey)
            {
                code = _lastCode;
                return true;
            }
            code = Find(key);
            if (code < 0) return false;
            (_lastKey, _lastCode) = (key, code);
            return true;
        }

        /// <summary>Adds a key not seen before, with its label; its code.</summary>
        public int Add(long key, string label)
        {
            int code = _keys.Count;
            _keys.Add(key);
            _labels.Add(label);
            if (_index is not null) _index.Add(key, code);
            else if (_keys.Count > 16) _index = _keys.Select((k, c) => (k, c)).ToDictionary(p => p.k, p => p.c);
            (_lastKey, _lastCode) = (key, code);
            return code;
        }

        private int Find(long key)
        {
            if (_index is not null) return _index.TryGetValue(key, out int c) ? c : -1;
            for (int c = 0; c < _keys.Count; c++)
                if (_keys[c] == key) return c;
            return -1;
        }

        /// <summary>The strata of <paramref name="codes"/> (first-seen codes, renumbered here in place).</summary>
        public Strata Ranked(int[] codes)
        {
            var distinct = _labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var rankOf = distinct.Select((l, r) => (l, r)).ToDictionary(p => p.l, p => p.r, StringComparer.Ordinal);
            var rank = _labels.Select(l => rankOf[l]).ToArray();
            for (int i = 0; i < codes.Length; i++) codes[i] = rank[codes[i]];
            return new Strata(codes, distinct.Count);
        }
    }
}
