namespace JinaClip.Images;

/// <summary>Image bytes already in memory: everything is available, and a read past the end is a truncation.</summary>
internal sealed class MemoryHeaderBytes(ReadOnlyMemory<byte> data) : HeaderBytes
{
    public override long? Length => data.Length;

    public override bool TryRead(long offset, int count, out ReadOnlySpan<byte> bytes)
    {
        if (offset < 0 || offset + count > data.Length)
        {
            Missing = (offset, count);
            bytes = default;
            return false;
        }

        bytes = data.Span.Slice((int)offset, count);
        return true;
    }

    public override ReadOnlySpan<byte> Prefix(int count) => data.Span[..Math.Min(count, data.Length)];
}
