using Microsoft.Extensions.DependencyInjection;

namespace JinaClip.Testing;

/// <summary>Switches a client registered with <c>AddJinaClient</c> to the emulator: offline, no key needed.</summary>
public static class JinaEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Answers the requests of the client this builder belongs to (and of its rerank client) from
    /// <paramref name="emulator"/> in memory, and gives it a placeholder key when none is configured, so the host starts
    /// with no key: <c>services.AddJinaClient(configuration).UseJinaEmulator();</c> Nothing leaves the process. A client
    /// left on the default endpoint is given <see cref="JinaEmulator.Endpoint"/>, so its logs and traces name the emulator,
    /// not <c>https://api.jina.ai</c>.
    /// </summary>
    /// <param name="builder">The builder <c>AddJinaClient</c> or <c>AddKeyedJinaClient</c> returned.</param>
    /// <param name="emulator">The emulator to answer from, or <see langword="null"/> for a new one that requires no key.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The builder is not one of a JinaClip client.</exception>
    public static IHttpClientBuilder UseJinaEmulator(this IHttpClientBuilder builder, JinaEmulator? emulator = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        const string Prefix = "JinaClip:";
        if (!builder.Name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{builder.Name}' is not the HTTP client of a JinaClip client; call UseJinaEmulator on what AddJinaClient returns.", nameof(builder));
        }

        var target = emulator ?? new JinaEmulator(new JinaEmulatorOptions { RequireApiKey = false });
        builder.Services.Configure<JinaClientOptions>(builder.Name[Prefix.Length..], o =>
        {
            if (string.IsNullOrWhiteSpace(o.ApiKey))
            {
                o.ApiKey = "jina_emulator";
            }

            if (o.Endpoint == JinaClientOptions.DefaultEndpoint)
            {
                o.Endpoint = JinaEmulator.Endpoint;
            }
        });
        builder.ConfigurePrimaryHttpMessageHandler(() => new JinaEmulatorHandler(target));
        return builder;
    }
}
