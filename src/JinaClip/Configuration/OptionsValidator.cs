namespace JinaClip.Configuration;

/// <summary>Checks the limits in <see cref="JinaClientOptions"/> when a client is built.</summary>
internal static class OptionsValidator
{
    public static void Validate(JinaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DefaultModel, nameof(options));
        if (options.ModelCatalogCacheDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ModelCatalogCacheDuration, "JinaClientOptions.ModelCatalogCacheDuration cannot be negative (TimeSpan.Zero reads the catalogue on every call).");
        }

        ArgumentNullException.ThrowIfNull(options.Retry, nameof(options));
        Positive(options.NetworkTimeout, "NetworkTimeout", nameof(options));
        Positive(options.TotalTimeout, "TotalTimeout", nameof(options));
        Range(options.MaxBatchSize ?? 1, 1, int.MaxValue, "MaxBatchSize", nameof(options));
        Range(options.MaxTokensPerRequest, 1, int.MaxValue, "MaxTokensPerRequest", nameof(options));
        if (options.MaxEstimatedTokensPerCall is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxEstimatedTokensPerCall, "JinaClientOptions.MaxEstimatedTokensPerCall must be at least 1 (or null for no guard).");
        }
        Range(options.MaxConcurrency, 1, 1024, "MaxConcurrency", nameof(options));
        Range(options.RequestsPerMinute ?? 1, 1, int.MaxValue, "RequestsPerMinute", nameof(options));
        Range(options.TokensPerMinute ?? 1, 1, int.MaxValue, "TokensPerMinute", nameof(options));
        Range(options.MaxConcurrentRequests ?? 1, 1, 100_000, "MaxConcurrentRequests", nameof(options));
        Range(options.Retry.MaxRetryAttempts, 0, 100, "Retry.MaxRetryAttempts", nameof(options));
        if (options.Retry.BaseDelay < TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.BaseDelay || options.Retry.MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), "JinaClientOptions.Retry needs BaseDelay >= 0, MaxDelay >= BaseDelay and MaxRetryAfter >= 0.");
        }
    }

    private static void Positive(TimeSpan value, string name, string paramName)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"JinaClientOptions.{name} must be positive (or Timeout.InfiniteTimeSpan).");
        }
    }

    private static void Range(int value, int min, int max, string name, string paramName)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, $"JinaClientOptions.{name} must be between {min} and {max}; it is {value}.");
        }
    }
}
