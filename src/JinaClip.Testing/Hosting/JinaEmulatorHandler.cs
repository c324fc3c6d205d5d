using System.Net;
using System.Net.Http.Headers;
using JinaClip.Testing.Emulator;

namespace JinaClip.Testing;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers requests from a <see cref="JinaEmulator"/> in memory, for unit tests.
/// A scripted reset throws <see cref="HttpRequestException"/>; a truncated body ends half-way.
/// </summary>
public sealed class JinaEmulatorHandler : HttpMessageHandler
{
    /// <summary>Creates a handler over <paramref name="emulator"/>.</summary>
    /// <param name="emulator">The emulator that answers.</param>
    public JinaEmulatorHandler(JinaEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        Emulator = emulator;
    }

    /// <summary>Gets the emulator that answers.</summary>
    public JinaEmulator Emulator { get; }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var emulated = new EmulatorRequest(
            request.Method.Method,
            request.RequestUri?.AbsolutePath ?? "/",
            request.Headers.Authorization?.ToString(),
            headers,
            body);

        var response = await Emulator.HandleAsync(emulated, cancellationToken).ConfigureAwait(false);
        if (response.Action == TransportAction.ResetConnection)
        {
            throw new HttpRequestException("The connection was reset by the emulator (scripted fault).", new IOException("Connection reset by peer"));
        }

        var bytes = response.Action == TransportAction.TruncateBody ? response.Body[..(response.Body.Length / 2)] : response.Body;
        var message = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(bytes),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (response.RetryAfter is { } retryAfter)
        {
            message.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(retryAfter.TotalSeconds)));
        }

        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}
