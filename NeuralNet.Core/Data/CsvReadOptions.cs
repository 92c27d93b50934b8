using System.Globalization;

namespace NeuralNet.Core.Data;

/// <summary>How <see cref="TypedCsvReader"/> reads a file.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The defaults: detected delimiter, invariant culture, float32 numbers, all cores.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>The delimiter, or null to detect it among <c>, ; tab |</c>.</summary>
    public char? Delimiter { get; init; }

    /// <summary>How cells are parsed (the culture of numbers).</summary>
    public CellParser Parser { get; init; } = CellParser.Invariant;

    /// <summary>Store numbers as float64 (--precision double) rather than float32.</summary>
    public bool Double { get; init; }

    /// <summary>Threads that parse chunks of a large file; 1 reads on the calling thread only.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>UTF-8 files at least this large are read in parallel chunks (below it, threads cost more than they save).</summary>
    public long ParallelFromBytes { get; init; } = 8L << 20;

    /// <summary>
    /// Bytes per chunk handed to a worker. Small enough that the chunks in flight and their column parts stay in memory
    /// already touched (every fresh page is a fault, costly on a virtual machine), and that the first chunk is parsed
    /// soon and the last one leaves little imbalance between the threads; 4 MiB was measured slower on 500,000 rows.
    /// </summary>
    public int ChunkBytes { get; init; } = 1 << 20;

    /// <summary>Columns read as text whatever they hold (for example a model's categorical features), so their categories are exact.</summary>
    public IReadOnlySet<string>? TextColumns { get; init; }

    /// <summary>The memory the reader may use, or null for what the GC says is available.</summary>
    public long? AvailableMemory { get; init; }

    /// <summary>A parser for the culture named by --culture ("invariant" or null for the invariant culture).</summary>
    /// <exception cref="ArgumentException">If the culture is unknown (the message names it and says what is expected).</exception>
    public static CellParser ParserFor(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture) || culture == "invariant") return CellParser.Invariant;
        try
        {
            return new CellParser(CultureInfo.GetCultureInfo(culture, predefinedOnly: true));
        }
        catch (CultureNotFoundException)
        {
            throw new ArgumentException($"unknown culture '{culture}'; expected a name such as 'invariant', 'en-US' or 'de-DE'");
        }
    }
}
