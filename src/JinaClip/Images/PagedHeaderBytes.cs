namespace JinaClip.Images;

/// <summary>
/// Image bytes loaded on demand in 1 KiB pages (from a stream or over HTTP): only the pages a parser asks for are read,
/// so a JPEG's large EXIF block is skipped, not loaded. Memory grows with what is actually read, never with what a
/// header claims, and stops at <see cref="MaxBytes"/>.
/// </summary>
internal abstract class PagedHeaderBytes : HeaderBytes, IDisposable
{
    public const int PageSize = 1024;
    private readonly Dictionary<long, byte[]> _pages = [];
    private byte[] _scratch = new byte[64];
    private long? _length;

    protected PagedHeaderBytes(long maxBytes) => MaxBytes = maxBytes;

    /// <summary>Gets the most bytes that may be loaded before the reader gives up.</summary>
    public long MaxBytes { get; }

    /// <summary>Gets how many bytes have been read from the source.</summary>
    public long BytesLoaded { get; private set; }

    public override long? Length => _length;

    public override bool TryRead(long offset, int count, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (offset < 0 || (_length is { } length && offset + count > length) || !Available(offset, count))
        {
            Missing = (offset, count);
            return false;
        }

        var first = offset / PageSize;
        var within = (int)(offset % PageSize);
        if (within + count <= PageSize)
        {
            bytes = _pages[first].AsSpan(within, count);
            return true;
        }

        if (_scratch.Length < count)
        {
            _scratch = new byte[count];
        }

        for (var copied = 0; copied < count;)
        {
            var page = _pages[(offset + copied) / PageSize];
            var start = (int)((offset + copied) % PageSize);
            var n = Math.Min(count - copied, page.Length - start);
            page.AsSpan(start, n).CopyTo(_scratch.AsSpan(copied));
            copied += n;
        }

        bytes = _scratch.AsSpan(0, count);
        return true;
    }

    public override ReadOnlySpan<byte> Prefix(int count) =>
        _pages.TryGetValue(0, out var page) ? page.AsSpan(0, Math.Min(count, page.Length)) : default;

    /// <summary>Loads the pages that hold [offset, offset + count), or learns that the data ends before them.</summary>
    public abstract ValueTask LoadAsync(long offset, int count, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }

    protected bool HasPage(long page) => _pages.ContainsKey(page);

    /// <summary>Takes ownership of one page read from page-aligned <paramref name="offset"/>; a short page marks the end.</summary>
    protected void StorePage(long offset, byte[] page, int length)
    {
        _pages[offset / PageSize] = length == page.Length ? page : page.AsSpan(0, length).ToArray();
        BytesLoaded += length;
        if (length < PageSize)
        {
            _length = offset + length;
        }
    }

    /// <summary>Stores bytes read from page-aligned <paramref name="offset"/>; a short final page marks the end.</summary>
    protected void Store(long offset, ReadOnlySpan<byte> data, bool endOfData)
    {
        for (var done = 0; done < data.Length; done += PageSize)
        {
            var n = Math.Min(PageSize, data.Length - done);
            _pages[(offset + done) / PageSize] = data.Slice(done, n).ToArray();
        }

        BytesLoaded += data.Length;
        if (endOfData || data.Length % PageSize != 0)
        {
            _length = offset + data.Length;
        }
    }

    protected void SetLength(long length) => _length = length;

    private bool Available(long offset, int count)
    {
        for (var page = offset / PageSize; page <= (offset + count - 1) / PageSize; page++)
        {
            if (!_pages.ContainsKey(page))
            {
                return false;
            }
        }

        return true;
    }
}
