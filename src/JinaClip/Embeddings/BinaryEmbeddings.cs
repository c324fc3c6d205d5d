namespace JinaClip;

/// <summary>Helpers for packed-bit embeddings (<see cref="EmbeddingType.Binary"/> and <see cref="EmbeddingType.UBinary"/>).</summary>
public static class BinaryEmbeddings
{
    /// <summary>Unpacks bits, most significant bit of each byte first, into one <see cref="bool"/> per bit.</summary>
    /// <param name="packed">The packed bits.</param>
    /// <param name="destination">Receives <c>packed.Length * 8</c> values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <c>packed.Length * 8</c>.</exception>
    public static void Unpack(ReadOnlySpan<byte> packed, Span<bool> destination)
    {
        if (destination.Length < packed.Length * 8)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} values; {packed.Length * 8} are needed.", nameof(destination));
        }

        for (var i = 0; i < packed.Length; i++)
        {
            var b = packed[i];
            for (var bit = 0; bit < 8; bit++)
            {
                destination[(i * 8) + bit] = (b & (0x80 >> bit)) != 0;
            }
        }
    }
}
