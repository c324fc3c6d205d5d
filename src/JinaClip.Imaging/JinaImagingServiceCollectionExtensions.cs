using Microsoft.Extensions.DependencyInjection;

namespace JinaClip.Imaging;

/// <summary>Turns on image downscaling for a client registered with <c>AddJinaClient</c> or <c>AddKeyedJinaClient</c>.</summary>
public static class JinaImagingServiceCollectionExtensions
{
    /// <summary>
    /// Sets <see cref="JinaClientOptions.ImagePreprocessor"/> of the client this builder belongs to (and so of its rerank
    /// client) to a <see cref="SkiaImageDownscaler"/>:
    /// <c>services.AddJinaClient(configuration).AddImageDownscaling();</c>
    /// </summary>
    /// <param name="builder">The builder <c>AddJinaClient</c> or <c>AddKeyedJinaClient</c> returned.</param>
    /// <param name="configure">Adjusts the downscaler's options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The builder is not one of a JinaClip client.</exception>
    public static IHttpClientBuilder AddImageDownscaling(this IHttpClientBuilder builder, Action<ImageDownscalingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        const string Prefix = "JinaClip:";
        if (!builder.Name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{builder.Name}' is not the HTTP client of a JinaClip client; call AddImageDownscaling on what AddJinaClient returns.", nameof(builder));
        }

        var options = new ImageDownscalingOptions();
        configure?.Invoke(options);
        var downscaler = new SkiaImageDownscaler(options);
        builder.Services.Configure<JinaClientOptions>(builder.Name[Prefix.Length..], o => o.ImagePreprocessor = downscaler);
        return builder;
    }
}
