#if NETSTANDARD2_0
namespace JinaClip.Polyfills;

/// <summary>
/// The <see cref="HttpContent"/> reads that take a <see cref="CancellationToken"/> on net5.0+. netstandard2.0's cannot
/// be cancelled once started, so the token is checked before the read; the request's own timeout still bounds it.
/// </summary>
internal static class HttpPolyfills
{
    public static Task<Stream> ReadAsStreamAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return content.ReadAsStreamAsync();
    }

    public static Task<byte[]> ReadAsByteArrayAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return content.ReadAsByteArrayAsync();
    }

    public static Task CancelAsync(this CancellationTokenSource source)
    {
        source.Cancel();
        return Task.CompletedTask;
    }
}
#endif
