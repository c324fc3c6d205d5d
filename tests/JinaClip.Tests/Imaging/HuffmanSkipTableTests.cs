using JinaClip.Imaging;

namespace JinaClip.Tests.Imaging;

/// <summary>The AC skip table (14 bits a lookup) agrees with decoding one symbol at a time, and tables are shared by content.</summary>
public class HuffmanSkipTableTests
{
    // The JPEG specification's standard luminance AC table (K.5), what cjpeg and most cameras write.
    private static readonly byte[] Counts = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D];

    private static readonly byte[] Symbols =
    [
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1, 0x08,
        0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1, 0xF0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
        0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6,
        0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE1, 0xE2,
        0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA,
    ];

    [Fact]
    public void Skip_EveryWindow_AgreesWithDecodingSymbolBySymbol()
    {
        var table = HuffmanSkipTable.Create(Counts, Symbols, ac: true)!;
        Assert.Equal(1 << HuffmanSkipTable.SkipLookahead, table.Skip.Length);
        for (var window = 0; window < 1 << HuffmanSkipTable.SkipLookahead; window++)
        {
            // Decode whole symbols (code and extra bits) while they fit in the window, as the decoder would.
            var bits = (ulong)window << (64 - HuffmanSkipTable.SkipLookahead);
            int used = 0, positions = 0, symbols = 0;
            var end = false;
            while (true)
            {
                var (probe, count) = (bits, 64);
                var symbol = table.Decode(ref probe, ref count);
                var length = 64 - count;
                if (symbol < 0 || used + length + (symbol & 15) > HuffmanSkipTable.SkipLookahead)
                {
                    break;
                }

                bits = probe << (symbol & 15);
                used += length + (symbol & 15);
                symbols++;
                if (symbol == 0)
                {
                    end = true;
                    break;
                }

                positions += (symbol & 15) == 0 ? 16 : (symbol >> 4) + 1;
            }

            var entry = table.Skip[window];
            var expected = symbols == 0 ? 0 : used | (positions << 5) | (end ? HuffmanSkipTable.EndOfBlock : 0);
            Assert.True(expected == entry, $"window {window:B14}: entry {entry:X4}, expected {expected:X4}");
        }
    }

    [Fact]
    public void Get_SameTableTwice_IsBuiltOnce_AndDcAndAcAreKeptApart()
    {
        var first = HuffmanSkipTable.Get(Counts, Symbols, ac: true);
        var second = HuffmanSkipTable.Get(Counts, Symbols, ac: true);
        var dc = HuffmanSkipTable.Get([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], ac: false);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.NotNull(dc);
        Assert.Empty(dc.Skip); // a DC table needs no skip table
    }

    [Fact]
    public void Get_OverfullCode_IsNull()
    {
        Assert.Null(HuffmanSkipTable.Get([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3], ac: true));
    }
}
