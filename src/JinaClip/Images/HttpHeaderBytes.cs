using System.Net;
using System.Net.Http.Headers;

namespace JinaClip.Images;

/// <summary>
/// Pages of an image at an http(s) URL, fetched with ranged GETs: the first 64 KiB, then more only where the header
/// lies further. A server that ignores ranges is read forward and abandoned once the header is found. The requests
/// carry no credentials.
/// </summary>
internal sealed class HttpHeaderBytes(HttpClient http, Uri uri, long maxBytes) : PagedHeaderBytes(maxBytes)
{
    private const int FetchSize = 64 * 1024;
    private HttpResponseMessage? _unranged;
    private Stream? _unrangedBody;
    private StreamHeaderBytes? _forward;

    public override async ValueTask LoadAsync(long offset, int count, CancellationToken cancellationToken)
    {
        if (_forward is not null)
        {
            await LoadForwardAsync(offset, count, cancellationToken).ConfigureAwait(false);
            return;
        }

        var start = offset / PageSize * PageSize;
        var end = Math.Max(start + FetchSize, offset + count) - 1;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Range = new RangeHeaderValue(start, end);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            response.Dispose();
            SetLength(start);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
#if NET
            throw new HttpRequestException($"GET {uri} answered {(int)status} {status}.", null, status);
#else
            throw new HttpRequestException($"GET {uri} answered {(int)status} {status}.");
#endif
        }

        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            // Ranges ignored: read the body forward, only as far as needed.
            _unranged = response;
            _unrangedBody = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            _forward = new StreamHeaderBytes(_unrangedBody, MaxBytes);
            await LoadForwardAsync(offset, count, cancellationToken).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var range = response.Content.Headers.ContentRange;
            if (range?.From is { } from && from != start)
            {
                throw new HttpRequestException($"GET {uri} answered range {range} to a request for bytes {start}-{end}.");
            }

            Store(start, body.AsSpan(0, (int)Math.Min(body.Length, end - start + 1)), endOfData: body.Length < end - start + 1);
            if (range?.Length is { } total)
            {
                SetLength(total);
            }
        }
    }

    public override void Dispose()
    {
        _forward?.Dispose();
        _unrangedBody?.Dispose();
        _unranged?.Dispose();
        base.Dispose();
    }

    private async ValueTask LoadForwardAsync(long offset, int count, CancellationToken cancellationToken)
    {
        await _forward!.LoadAsync(offset, count, cancellationToken).ConfigureAwait(false);
        for (var page = offset / PageSize; page <= (offset + count - 1) / PageSize; page++)
        {
            if (!HasPage(page) && _forward.TryRead(page * PageSize, 1, out _))
            {
                var available = (int)Math.Min(PageSize, (_forward.Length ?? long.MaxValue) - (page * PageSize));
                _forward.TryRead(page * PageSize, available, out var bytes);
                Store(page * PageSize, bytes, endOfData: available < PageSize);
            }
        }

        if (_forward.Length is { } length)
        {
            SetLength(length);
        }
    }
}
