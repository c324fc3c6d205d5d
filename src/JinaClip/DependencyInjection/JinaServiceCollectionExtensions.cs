using System.Net.Http;
using JinaClip.DependencyInjection;
using JinaClip.Http;
using JinaClip.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="JinaClip.JinaClient"/> and the clients it hands out with dependency injection.</summary>
public static class JinaServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="AddJinaClient(IServiceCollection, IConfiguration, string)"/> reads by default.</summary>
    public const string DefaultSectionName = "Jina";

    /// <summary>The sub-section of a client's section that binds its <see cref="JinaClip.JinaRerankClientOptions"/> (<c>Jina:Rerank:DefaultModel</c>).</summary>
    internal const string RerankSectionName = "Rerank";

    /// <summary>
    /// The name of the <see cref="IHttpClientFactory"/> client that every registered Jina client fetches image URLs with
    /// (for estimates and the token-budget guard) unless <see cref="JinaClip.ImageUrlFetchOptions.HttpClient"/> is set. Its
    /// primary handler follows no redirects and refuses non-public addresses when it connects; add handlers with
    /// <c>services.AddHttpClient(JinaServiceCollectionExtensions.ImageHttpClientName)</c>.
    /// </summary>
    public const string ImageHttpClientName = "JinaClip.Images";

    /// <summary>
    /// Registers the default <see cref="JinaClip.JinaClient"/> and the clients it hands out — <see cref="JinaClip.JinaEmbeddingClient"/>,
    /// <see cref="JinaClip.JinaRerankClient"/>, <see cref="JinaClip.JinaModelsClient"/>, <see cref="JinaClip.JinaClassificationClient"/> — as singletons sharing its one connection
    /// (options, <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, rate limiters), with options bound from a configuration section (keys as the option names:
    /// <c>ApiKey</c>, <c>Endpoint</c>, <c>DefaultModel</c>, <c>MaxConcurrency</c>, <c>Retry:MaxRetryAttempts</c>, …) and
    /// validated when the host starts: a missing key fails start-up naming <c>Jina:ApiKey</c> and <c>JINA_API_KEY</c>.
    /// Retries are the client's own (one owner): do not add a retry handler to the returned builder as well.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (or any parent of the section).</param>
    /// <param name="sectionName">The section's name.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    public static IHttpClientBuilder AddJinaClient(this IServiceCollection services, IConfiguration configuration, string sectionName = DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, Options.Options.DefaultName, configuration.GetSection(sectionName), null, keyed: false);
    }

    /// <summary>Registers the default <see cref="JinaClip.JinaClient"/> and its sub-clients, configured in code (validated at start-up).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddJinaClient(this IServiceCollection services, Action<JinaClip.JinaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, Options.Options.DefaultName, null, configure, keyed: false);
    }

    /// <summary>
    /// Registers a named root client and its sub-clients as keyed services (resolve with <c>[FromKeyedServices("name")]</c> or
    /// <c>GetRequiredKeyedService&lt;JinaEmbeddingClient&gt;("name")</c>), bound from a configuration section, so
    /// differently configured clients (e.g. clip-v1 for images, v3 for long texts) live side by side. A nested section
    /// (<c>Jina:images</c>) inherits every setting of its parent (<c>Jina</c>) that it does not set itself, such as
    /// <c>ApiKey</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name and service key.</param>
    /// <param name="section">The client's configuration section.</param>
    /// <param name="configure">Optional settings applied after binding.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddKeyedJinaClient(this IServiceCollection services, string name, IConfigurationSection section, Action<JinaClip.JinaClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(section);
        return Register(services, name, section, configure, keyed: true);
    }

    /// <summary>Registers a named root client and its sub-clients as keyed services, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name and service key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddKeyedJinaClient(this IServiceCollection services, string name, Action<JinaClip.JinaClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, null, configure, keyed: true);
    }

    private static IHttpClientBuilder Register(
        IServiceCollection services, string name, IConfigurationSection? section, Action<JinaClip.JinaClientOptions>? configure, bool keyed)
    {
        ArgumentNullException.ThrowIfNull(services);
        var path = section?.Path ?? (keyed ? $"Jina:{name}" : DefaultSectionName);
        var options = services.AddOptions<JinaClip.JinaClientOptions>(name);
        if (section is not null && keyed && ParentPath(section.Path) is { } parent)
        {
            // A keyed section ("Jina:images") inherits what its parent ("Jina") sets and it does not override: the key,
            // the endpoint, the limits. The parent comes from the host's configuration, when it has one.
            options.Configure<IServiceProvider>((o, sp) =>
            {
                if (sp.GetService<IConfiguration>() is { } root)
                {
                    ConfigurationReader.Bind(root.GetSection(parent), o);
                }
            });
        }

        if (section is not null)
        {
            options.Configure(o => ConfigurationReader.Bind(section, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<JinaClip.JinaClientOptions>>(new JinaClientOptionsValidation(name, path));
        services.TryAddKeyedSingleton(name, (sp, _) => RateLimits.For(sp.GetRequiredService<IOptionsMonitor<JinaClip.JinaClientOptions>>().Get(name)));

        services.AddHttpClient(ImageHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(PrimaryHandler.CreateForFetching)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);

        var httpName = $"JinaClip:{name}";
        var builder = services.AddHttpClient(httpName)
            // The key must never follow a redirect to another host: the client sends it only to its endpoint.
            .ConfigurePrimaryHttpMessageHandler(() => PrimaryHandler.Create(followRedirects: false, decompress: true));

        JinaClip.JinaClientOptions ClientOptions(IServiceProvider sp)
        {
            var configured = sp.GetRequiredService<IOptionsMonitor<JinaClip.JinaClientOptions>>().Get(name);
            var limits = sp.GetRequiredKeyedService<RateLimits>(name);
            var copy = configured.CloneForClient();
            copy.RequestRateLimiter = limits.Requests;
            copy.TokenRateLimiter = limits.Tokens;
            copy.LoggerFactory ??= sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>();
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            copy.ImageHttpClient = factory.CreateClient(ImageHttpClientName);
            return copy;
        }

        // One root client per name, and every sub-client handed out by it: they share its options, its HttpClient (the
        // primary handler recycles pooled connections, so a long-lived client sees DNS changes) and its rate limiters.
        JinaClip.JinaClient CreateRoot(IServiceProvider sp) =>
            new(sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpName), ClientOptions(sp));

        JinaClip.JinaRerankClientOptions RerankOptions(IServiceProvider sp) =>
            sp.GetRequiredService<IOptionsMonitor<JinaClip.JinaRerankClientOptions>>().Get(name);

        if (section is not null)
        {
            services.AddOptions<JinaClip.JinaRerankClientOptions>(name).Configure(o => ConfigurationReader.BindRerank(section.GetSection(RerankSectionName), o));
        }

        if (keyed)
        {
            services.TryAddKeyedSingleton(name, (sp, _) => CreateRoot(sp));
            services.TryAddKeyedSingleton(name, (sp, k) => sp.GetRequiredKeyedService<JinaClip.JinaClient>(k).GetEmbeddingsClient());
            services.TryAddKeyedSingleton(name, (sp, k) => sp.GetRequiredKeyedService<JinaClip.JinaClient>(k).GetRerankClient(RerankOptions(sp)));
            services.TryAddKeyedSingleton(name, (sp, k) => sp.GetRequiredKeyedService<JinaClip.JinaClient>(k).GetModelsClient());
            services.TryAddKeyedSingleton(name, (sp, k) => sp.GetRequiredKeyedService<JinaClip.JinaClient>(k).GetClassificationClient());
        }
        else
        {
            services.TryAddSingleton(CreateRoot);
            services.TryAddSingleton(sp => sp.GetRequiredService<JinaClip.JinaClient>().GetEmbeddingsClient());
            services.TryAddSingleton(sp => sp.GetRequiredService<JinaClip.JinaClient>().GetRerankClient(RerankOptions(sp)));
            services.TryAddSingleton(sp => sp.GetRequiredService<JinaClip.JinaClient>().GetModelsClient());
            services.TryAddSingleton(sp => sp.GetRequiredService<JinaClip.JinaClient>().GetClassificationClient());
        }

        return builder;
    }

    /// <summary>The parent of a configuration path ("Jina:images" → "Jina"), or <see langword="null"/> at the top.</summary>
    private static string? ParentPath(string path)
    {
        var at = path.LastIndexOf(':');
        return at > 0 ? path.Substring(0, at) : null;
    }
}
