using System.Net;
using JinaClip.Testing.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JinaClip.Testing;

/// <summary>
/// A <see cref="JinaEmulator"/> served over real HTTP on a loopback port (Kestrel), for integration tests, demos and
/// benchmarks. Point <see cref="JinaClientOptions.Endpoint"/> at <see cref="BaseAddress"/>; dispose to stop.
/// </summary>
public sealed class JinaEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Gets the host lifetime in use (for the tests: it must not be the console lifetime).</summary>
    internal IHostLifetime Lifetime => _app.Services.GetRequiredService<IHostLifetime>();

    private JinaEmulatorServer(WebApplication app, JinaEmulator emulator, Uri baseAddress)
    {
        _app = app;
        Emulator = emulator;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the emulator behind the server.</summary>
    public JinaEmulator Emulator { get; }

    /// <summary>Gets the server's base address, e.g. <c>http://127.0.0.1:49152/</c>.</summary>
    /// <remarks>The server does not handle Ctrl+C or SIGTERM: in a console app they stay the app's own.</remarks>
    public Uri BaseAddress { get; }

    /// <summary>Starts a server on 127.0.0.1.</summary>
    /// <param name="emulator">The emulator to serve, or <see langword="null"/> for a new one with default options.</param>
    /// <param name="port">The port, or 0 for any free port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<JinaEmulatorServer> StartAsync(JinaEmulator? emulator = null, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        emulator ??= new JinaEmulator();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, Hosting.PassiveLifetime>(); // Ctrl+C and SIGTERM stay the host app's
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context => ServeAsync(context, emulator));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new JinaEmulatorServer(app, emulator, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(HttpContext context, JinaEmulator emulator)
    {
        var aborted = context.RequestAborted;
        using var body = new MemoryStream();
        if (emulator.IsCanned)
        {
            // Canned mode measures the client: read the body to the end without keeping it.
            await context.Request.Body.CopyToAsync(Stream.Null, aborted).ConfigureAwait(false);
        }
        else
        {
            await context.Request.Body.CopyToAsync(body, aborted).ConfigureAwait(false);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new EmulatorRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            headers,
            body.ToArray());

        var response = await emulator.HandleAsync(request, aborted).ConfigureAwait(false);
        if (response.Action == TransportAction.ResetConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = response.Body.Length;
        if (response.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Action == TransportAction.TruncateBody)
        {
            await context.Response.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(response.Body, aborted).ConfigureAwait(false);
    }
}
