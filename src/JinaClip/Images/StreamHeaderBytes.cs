namespace JinaClip.Images;

/// <summary>Pages from a stream: seeks straight to them when the stream can seek, else reads forward to them.</summary>
internal sealed class StreamHeaderBytes(Stream stream, long maxBytes) : PagedHeaderBytes(maxBytes)
{
    private readonly long _origin = stream.CanSeek ? stream.Position : 0; // the image starts where the stream is
    private long _next; // forward-only: the next unread offset

    public override async ValueTask LoadAsync(long offset, int count, CancellationToken cancellationToken)
    {
        var firstPage = offset / PageSize;
        var lastPage = (offset + count - 1) / PageSize;
        for (var page = stream.CanSeek ? firstPage : _next / PageSize; page <= lastPage && Length is null; page++)
        {
            if (HasPage(page))
            {
                continue;
            }

            if (stream.CanSeek)
            {
                stream.Position = _origin + (page * PageSize);
            }

            var buffer = new byte[PageSize];
            var read = 0;
            while (read < PageSize)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            StorePage(page * PageSize, buffer, read);
            _next = (page + 1) * PageSize;
        }
    }
}
