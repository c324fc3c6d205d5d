namespace JinaClip.Images;

/// <summary>
/// Random access to the bytes of an image that may not all be loaded yet. A failed read records what was missing
/// (<see cref="Missing"/>), and the parser returns <see langword="false"/> so the caller can load it and parse again.
/// </summary>
internal abstract class HeaderBytes
{
    /// <summary>Gets the total length when known (all of it for in-memory data; after end of stream otherwise).</summary>
    public abstract long? Length { get; }

    /// <summary>Gets the range the last failed read asked for.</summary>
    public (long Offset, int Count) Missing { get; protected set; }

    /// <summary>Reads <paramref name="count"/> (small) bytes at <paramref name="offset"/> if they are available.</summary>
    public abstract bool TryRead(long offset, int count, out ReadOnlySpan<byte> bytes);

    /// <summary>Reads what is available from offset 0, up to <paramref name="count"/> bytes (for format detection).</summary>
    public abstract ReadOnlySpan<byte> Prefix(int count);
}
