namespace JinaClip.Imaging;

/// <summary>The IDAT chunks' contents as one stream, without copying them.</summary>
internal sealed class PngDataStream(ReadOnlyMemory<byte> file, List<(int Offset, int Length)> chunks) : Stream
{
    private int _chunk;
    private int _at;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_chunk < chunks.Count && _at == chunks[_chunk].Length)
        {
            (_chunk, _at) = (_chunk + 1, 0);
        }

        if (_chunk == chunks.Count)
        {
            return 0;
        }

        var (offset, length) = chunks[_chunk];
        var n = Math.Min(buffer.Length, length - _at);
        file.Span.Slice(offset + _at, n).CopyTo(buffer);
        _at += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
