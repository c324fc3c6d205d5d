namespace JinaClip.Imaging;

/// <summary>
/// One JPEG Huffman table, built for decoding fast when only the DC coefficients are kept: a 12-bit lookahead for one
/// symbol, and, for AC tables, a 14-bit lookahead that skips as many whole symbols (code and extra bits) as fit.
/// </summary>
internal sealed class HuffmanSkipTable
{
    /// <summary>The lookahead width, in bits.</summary>
    public const int Lookahead = 12;

    /// <summary>The skip table's lookahead width, in bits: wider than one symbol's, so that a lookup skips more symbols.</summary>
    public const int SkipLookahead = 14;

    /// <summary>Flag of a <see cref="Skip"/> entry whose symbols end with the end of the block (EOB).</summary>
    public const int EndOfBlock = 1 << 15;

    /// <summary>The most coefficient positions one <see cref="Skip"/> entry covers (its 7 bits).</summary>
    private const int MaxPositions = 127;

    /// <summary>The most different tables <see cref="Get"/> keeps.</summary>
    public const int MaxCached = 32;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TableKey, HuffmanSkipTable> Cache = new();

    private readonly int[] _maxCode = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly int[] _firstSymbol = new int[17];
    private readonly byte[] _symbols;

    private HuffmanSkipTable(byte[] symbols) => _symbols = symbols;

    /// <summary>Gets, by the next 12 bits, the code length (bits 0–4) and symbol (bits 8–15) of codes up to 12 bits; 0 for longer codes.</summary>
    public int[] Fast { get; } = new int[1 << Lookahead];

    /// <summary>
    /// Gets, for AC tables (empty for DC tables), by the next <see cref="SkipLookahead"/> bits: the bits taken by the
    /// whole symbols that fit (bits 0–4), how many coefficient positions they cover (bits 5–11), and
    /// <see cref="EndOfBlock"/>; 0 when not even one symbol fits. Two bytes an entry: 32 KB, which stays in the cache.
    /// </summary>
    public ushort[] Skip { get; private set; } = [];

    /// <summary>
    /// Gets a table for a DHT segment's 16 counts and its symbols, built once: most cameras and encoders write the
    /// standard tables of the JPEG specification, so a folder of photos shares a handful of tables, and the AC skip table
    /// (16,384 entries) is not rebuilt for each photo. At most <see cref="MaxCached"/> different tables are kept (a
    /// table is immutable once built); <see langword="null"/> when they do not form a valid code.
    /// </summary>
    public static HuffmanSkipTable? Get(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols, bool ac)
    {
        var key = new byte[1 + counts.Length + symbols.Length];
        key[0] = ac ? (byte)1 : (byte)0;
        counts.CopyTo(key.AsSpan(1));
        symbols.CopyTo(key.AsSpan(1 + counts.Length));
        var hash = new TableKey(key);
        if (Cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        var table = Create(counts, symbols, ac);
        if (table is not null && Cache.Count < MaxCached)
        {
            Cache.TryAdd(hash, table);
        }

        return table;
    }

    /// <summary>Builds a table from a DHT segment's 16 counts and its symbols; <see langword="null"/> when they do not form a valid code.</summary>
    public static HuffmanSkipTable? Create(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols, bool ac)
    {
        var table = new HuffmanSkipTable(symbols.ToArray());
        int code = 0, k = 0;
        for (var length = 1; length <= 16; length++)
        {
            table._firstSymbol[length] = k;
            table._minCode[length] = code;
            for (var i = 0; i < counts[length - 1]; i++, k++, code++)
            {
                if (code >= 1 << length || (!ac && symbols[k] > 11) || (ac && (symbols[k] & 15) > 10))
                {
                    return null; // code space overflow, or a symbol no baseline JPEG can hold
                }

                if (length <= Lookahead)
                {
                    table.Fast.AsSpan(code << (Lookahead - length), 1 << (Lookahead - length)).Fill(length | (symbols[k] << 8));
                }
            }

            table._maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }

        if (ac)
        {
            table.BuildSkip();
        }

        return table;
    }

    /// <summary>Decodes one symbol of any length from the top of <paramref name="bits"/>; -1 for an invalid code.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Decode(ref ulong bits, ref int count)
    {
        for (var length = 1; length <= 16; length++)
        {
            var code = (int)(bits >> (64 - length));
            if (code <= _maxCode[length] && code >= _minCode[length])
            {
                bits <<= length;
                count -= length;
                return _symbols[_firstSymbol[length] + code - _minCode[length]];
            }
        }

        return -1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void BuildSkip()
    {
        Skip = new ushort[1 << SkipLookahead];
        for (var window = 0; window < 1 << SkipLookahead; window++)
        {
            int used = 0, positions = 0, symbols = 0, end = 0;
            while (used < SkipLookahead)
            {
                var left = SkipLookahead - used;
                var entry = Fast[((window << used) & ((1 << SkipLookahead) - 1)) >> (SkipLookahead - Lookahead)];
                var length = entry & 31;
                var symbol = entry >> 8;
                var covers = (symbol & 15) == 0 ? (symbol >> 4 == 15 ? 16 : 0) : (symbol >> 4) + 1;
                if (entry == 0 || length + (symbol & 15) > left || positions + covers > MaxPositions)
                {
                    break; // the next symbol runs past the window (or past what an entry can count)
                }

                used += length + (symbol & 15);
                symbols++;
                if ((symbol & 15) == 0 && symbol >> 4 != 15)
                {
                    end = EndOfBlock;
                    break;
                }

                positions += covers;
            }

            Skip[window] = (ushort)(symbols == 0 ? 0 : used | (positions << 5) | end);
        }
    }

    /// <summary>A DHT table's bytes, compared by content.</summary>
    private readonly struct TableKey(byte[] bytes) : IEquatable<TableKey>
    {
        private readonly byte[] _bytes = bytes;

        public bool Equals(TableKey other) => _bytes.AsSpan().SequenceEqual(other._bytes);

        public override bool Equals(object? obj) => obj is TableKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            hash.AddBytes(_bytes);
            return hash.ToHashCode();
        }
    }
}
