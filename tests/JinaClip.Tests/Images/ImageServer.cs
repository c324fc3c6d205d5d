using System.Collections.Concurrent;
using System.Net;
using JinaClip.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace JinaClip.Tests.Images;

/// <summary>A loopback file server for image URLs: honours Range requests (or ignores them) and records what it was sent.</summary>
internal sealed class ImageServer : IAsyncDisposable
{
    private LoopbackApp? _app;

    private ImageServer()
    {
    }

    public Uri BaseAddress => _app!.BaseAddress;

    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public ConcurrentQueue<(string? Range, bool HasAuthorization)> Requests { get; } = new();

    /// <summary>Paths answered with a 307 to the given location.</summary>
    public ConcurrentDictionary<string, string> Redirects { get; } = new();

    public long BytesSent;

    public bool IgnoreRanges { get; set; }

    public static async Task<ImageServer> StartAsync()
    {
        var server = new ImageServer();
        server._app = await LoopbackApp.StartAsync(server.ServeAsync);
        return server;
    }

    public Uri Add(string name, byte[] bytes)
    {
        Files[name] = bytes;
        return new Uri(BaseAddress, name);
    }

    public ValueTask DisposeAsync() => _app!.DisposeAsync();

    private async Task ServeAsync(HttpContext context)
    {
        var range = context.Request.Headers.Range.ToString();
        Requests.Enqueue((range.Length == 0 ? null : range, context.Request.Headers.ContainsKey("Authorization")));
        if (Redirects.TryGetValue(context.Request.Path.Value!.TrimStart('/'), out var location))
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = location;
            return;
        }

        if (!Files.TryGetValue(context.Request.Path.Value!.TrimStart('/'), out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var (start, end) = (0L, file.Length - 1L);
        if (!IgnoreRanges && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var parts = range[6..].Split('-');
            start = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            end = Math.Min(end, long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            if (start >= file.Length)
            {
                context.Response.StatusCode = 416;
                return;
            }

            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{end}/{file.Length}";
        }

        context.Response.ContentLength = end - start + 1;
        try
        {
            for (var at = start; at <= end; at += 8192)
            {
                var n = (int)Math.Min(8192, end - at + 1);
                await context.Response.Body.WriteAsync(file.AsMemory((int)at, n), context.RequestAborted);
                Interlocked.Add(ref BytesSent, n);
            }
        }
        catch (OperationCanceledException)
        {
            // The client read what it needed and hung up.
        }
    }
}
