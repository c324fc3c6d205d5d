using System.Collections.Concurrent;

namespace JinaClip.WebApi.Api;

/// <summary>
/// Prices a call from the model catalogue (<c>GET /v1/models</c>; offline, the emulator's fixture catalogue), each model's
/// price kept for an hour. A catalogue that cannot be read leaves the cost unknown rather than failing the query.
/// </summary>
internal sealed class Pricing(IServiceProvider services, TimeProvider time, ILogger<Pricing> logger)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (decimal? PerMillion, DateTimeOffset Until)> _prices = new(StringComparer.Ordinal);

    public async Task<QueryUsage> UsageAsync(string model, long? tokens, CancellationToken cancellationToken)
    {
        var perMillion = await PricePerMillionAsync(model, cancellationToken);
        return new QueryUsage(tokens, tokens * perMillion / 1_000_000m, perMillion);
    }

    private async Task<decimal?> PricePerMillionAsync(string model, CancellationToken cancellationToken)
    {
        if (_prices.TryGetValue(model, out var known) && known.Until > time.GetUtcNow())
        {
            return known.PerMillion;
        }

        try
        {
            // The catalogue client is the registered JinaClient's; the price is cached here, next to what uses it.
            var catalogue = services.GetRequiredService<JinaModelsClient>();
            var price = (await catalogue.GetModelAsync(model, cancellationToken))?.PricePerMillionTokens;
            _prices[model] = (price, time.GetUtcNow() + Keep);
            return price;
        }
        catch (Exception ex) when (ex is JinaApiException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning(ex, "The model catalogue could not be read; costs are shown as unknown.");
            return null;
        }
    }
}
