namespace JinaClip.DependencyInjection;

/// <summary>
/// The configuration shape of <see cref="JinaClientOptions"/>: every option whose value configuration can hold, by the
/// option's own name, bound by the configuration binder's source generator. The options that hold objects only code
/// can make (a <see cref="TimeProvider"/>, rate limiters, a logger factory, an image preprocessor, a token counter, an
/// <see cref="HttpClient"/>) are not here: the generator would walk into them (an <see cref="HttpClient"/>'s headers).
/// A value left out of configuration stays <see langword="null"/> and changes nothing, so a keyed section inherits its
/// parent's. <c>DependencyInjectionTests</c> fails when an option is neither here nor listed as code-only.
/// </summary>
internal sealed class JinaClientSettings
{
    public string? ApiKey { get; set; }

    public Uri? Endpoint { get; set; }

    public string? DefaultModel { get; set; }

    public TimeSpan? ModelCatalogCacheDuration { get; set; }

    public TimeSpan? NetworkTimeout { get; set; }

    public bool? ValidateRequests { get; set; }

    public bool? AllowUnrecognizedImageFormats { get; set; }

    public RetrySettings? Retry { get; set; }

    public TimeSpan? TotalTimeout { get; set; }

    public int? MaxBatchSize { get; set; }

    public int? MaxTokensPerRequest { get; set; }

    public long? MaxEstimatedTokensPerCall { get; set; }

    public TokenEstimatorSettings? TokenEstimatorOptions { get; set; }

    public bool? DownloadImageUrls { get; set; }

    public int? MaxConcurrency { get; set; }

    public int? RequestsPerMinute { get; set; }

    public int? TokensPerMinute { get; set; }

    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Sets every option that configuration held, leaving the others as they are.</summary>
    public void ApplyTo(JinaClientOptions options)
    {
        options.ApiKey = ApiKey ?? options.ApiKey;
        options.Endpoint = Endpoint ?? options.Endpoint;
        options.DefaultModel = DefaultModel ?? options.DefaultModel;
        options.ModelCatalogCacheDuration = ModelCatalogCacheDuration ?? options.ModelCatalogCacheDuration;
        options.NetworkTimeout = NetworkTimeout ?? options.NetworkTimeout;
        options.ValidateRequests = ValidateRequests ?? options.ValidateRequests;
        options.AllowUnrecognizedImageFormats = AllowUnrecognizedImageFormats ?? options.AllowUnrecognizedImageFormats;
        Retry?.ApplyTo(options.Retry);
        options.TotalTimeout = TotalTimeout ?? options.TotalTimeout;
        options.MaxBatchSize = MaxBatchSize ?? options.MaxBatchSize;
        options.MaxTokensPerRequest = MaxTokensPerRequest ?? options.MaxTokensPerRequest;
        options.MaxEstimatedTokensPerCall = MaxEstimatedTokensPerCall ?? options.MaxEstimatedTokensPerCall;
        if (TokenEstimatorOptions is { } estimator)
        {
            estimator.ApplyTo(options.TokenEstimatorOptions ??= new TokenEstimatorOptions());
        }

        options.DownloadImageUrls = DownloadImageUrls ?? options.DownloadImageUrls;
        options.MaxConcurrency = MaxConcurrency ?? options.MaxConcurrency;
        options.RequestsPerMinute = RequestsPerMinute ?? options.RequestsPerMinute;
        options.TokensPerMinute = TokensPerMinute ?? options.TokensPerMinute;
        options.MaxConcurrentRequests = MaxConcurrentRequests ?? options.MaxConcurrentRequests;
    }

    /// <summary>The configuration shape of <see cref="JinaRetryOptions"/>.</summary>
    internal sealed class RetrySettings
    {
        public int? MaxRetryAttempts { get; set; }

        public TimeSpan? BaseDelay { get; set; }

        public TimeSpan? MaxDelay { get; set; }

        public bool? UseJitter { get; set; }

        public TimeSpan? MaxRetryAfter { get; set; }

        public void ApplyTo(JinaRetryOptions retry)
        {
            retry.MaxRetryAttempts = MaxRetryAttempts ?? retry.MaxRetryAttempts;
            retry.BaseDelay = BaseDelay ?? retry.BaseDelay;
            retry.MaxDelay = MaxDelay ?? retry.MaxDelay;
            retry.UseJitter = UseJitter ?? retry.UseJitter;
            retry.MaxRetryAfter = MaxRetryAfter ?? retry.MaxRetryAfter;
        }
    }

    /// <summary>The configuration shape of <see cref="JinaClip.TokenEstimatorOptions"/>: image rules by model, URL fetching.</summary>
    internal sealed class TokenEstimatorSettings
    {
        public Dictionary<string, ImageRuleSettings> ImageRules { get; } = new(StringComparer.Ordinal);

        public ImageUrlSettings? ImageUrls { get; set; }

        public bool? DownloadImageUrls { get; set; }

        public void ApplyTo(TokenEstimatorOptions estimator)
        {
            foreach (var (model, rule) in ImageRules)
            {
                var current = estimator.ImageRules.TryGetValue(model, out var known) ? known : null;
                estimator.ImageRules[model] = new ImageTokenRule(
                    rule.TileSize ?? current?.TileSize ?? throw Missing(model, nameof(ImageRuleSettings.TileSize)),
                    rule.TokensPerTile ?? current?.TokensPerTile ?? throw Missing(model, nameof(ImageRuleSettings.TokensPerTile)));
            }

            ImageUrls?.ApplyTo(estimator.ImageUrls);
            estimator.DownloadImageUrls = DownloadImageUrls ?? estimator.DownloadImageUrls;
        }

        private static InvalidOperationException Missing(string model, string name) =>
            new($"Configuration TokenEstimatorOptions:ImageRules:{model} has no {name}, and the SDK has no rule for that model to take it from.");
    }

    /// <summary>The configuration shape of <see cref="ImageTokenRule"/>.</summary>
    internal sealed class ImageRuleSettings
    {
        public int? TileSize { get; set; }

        public long? TokensPerTile { get; set; }
    }

    /// <summary>The configuration shape of <see cref="ImageUrlFetchOptions"/> (its <see cref="HttpClient"/> is code-only).</summary>
    internal sealed class ImageUrlSettings
    {
        public bool? AllowNonPublicAddresses { get; set; }

        public TimeSpan? Timeout { get; set; }

        public int? MaxRedirects { get; set; }

        public void ApplyTo(ImageUrlFetchOptions fetch)
        {
            fetch.AllowNonPublicAddresses = AllowNonPublicAddresses ?? fetch.AllowNonPublicAddresses;
            fetch.Timeout = Timeout ?? fetch.Timeout;
            fetch.MaxRedirects = MaxRedirects ?? fetch.MaxRedirects;
        }
    }
}
