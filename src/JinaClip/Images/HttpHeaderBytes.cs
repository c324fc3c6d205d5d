using System.Net;
using System.Net.Http.Headers;
using JinaClip.Http;

namespace JinaClip.Images;

/// <summary>
/// Pages of an image at an http(s) URL, fetched with ranged GETs: the first 64 KiB, then more only where the header
/// lies further. A server that ignores ranges is read forward and abandoned once the header is found. The requests
/// carry no credentials. Every request goes through <see cref="SendAsync"/>, which applies the fetch rules of
/// <see cref="ImageUrlFetchOptions"/>: non-public addresses refused, same-host redirects only.
/// </summary>
internal sealed class HttpHeaderBytes(HttpClient http, Uri uri, long maxBytes, ImageUrlFetchOptions rules) : PagedHeaderBytes(maxBytes)
{
    private const int FetchSize = 64 * 1024;
    private Uri _current = uri;
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
        var response = await SendAsync(new RangeHeaderValue(start, end), cancellationToken).ConfigureAwait(false);
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
            throw new HttpRequestException($"GET {_current} answered {(int)status} {status}.", null, status);
#else
            throw new HttpRequestException($"GET {_current} answered {(int)status} {status}.");
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
                throw new HttpRequestException($"GET {_current} answered range {range} to a request for bytes {start}-{end}.");
            }

            Store(start, body.AsSpan(0, (int)Math.Min(body.Length, end - start + 1)), endOfData: body.Length < end - start + 1);
            if (range?.Length is { } total)
            {
                SetLength(total);
            }
        }
    }

    /// <summary>
    /// Sends one ranged GET to the current URL, following same-host redirects up to the limit. The host is checked before
    /// each hop; the URL the response came from is checked after, for clients that follow redirects themselves.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(RangeHeaderValue range, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            if (!rules.AllowNonPublicAddresses)
            {
                await AddressGuard.CheckAsync(_current, cancellationToken).ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, _current);
            request.Headers.Range = range;
#if NET
            request.Options.Set(AddressGuard.AllowNonPublic, rules.AllowNonPublicAddresses);
#endif
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (ex.InnerException is JinaUrlRefusedException refused)
            {
                // The connect callback refused the address it was about to connect to.
                throw new JinaUrlRefusedException(refused.Url, refused.Message);
            }

            if (response.RequestMessage?.RequestUri is { } final && !SameHost(final, _current))
            {
                response.Dispose();
                throw new JinaUrlRefusedException(final,
                    $"Refused the response to GET {_current}: the HttpClient followed a redirect to another host ({final.Host}). Image URLs are read from their own host only.");
            }

            if (!IsRedirect(response.StatusCode))
            {
                return response;
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new HttpRequestException($"GET {_current} answered a redirect without a Location header.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(_current, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new JinaUrlRefusedException(next, $"Refused the redirect from {_current} to {next}: not an http(s) URL.");
            }

            if (!SameHost(next, _current))
            {
                throw new JinaUrlRefusedException(next, $"Refused the redirect from {_current} to {next}: another host. Image URLs are read from their own host only.");
            }

            if (_current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
            {
                throw new JinaUrlRefusedException(next, $"Refused the redirect from {_current} to {next}: from https to plain http.");
            }

            if (hop >= rules.MaxRedirects)
            {
                throw new JinaUrlRefusedException(next,
                    $"Refused the redirect from {_current} to {next}: more than {rules.MaxRedirects} redirects (ImageUrlFetchOptions.MaxRedirects).");
            }

            _current = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or (HttpStatusCode)308;

    private static bool SameHost(Uri a, Uri b) => string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

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
