using System.Threading.RateLimiting;

namespace JinaClip;

/// <summary>
/// Settings of a <see cref="JinaClient"/> and of every client it hands out (or of a client created on its own): the key,
/// the endpoint, the limits, retries and timeouts they share, and the embeddings client's defaults. A client copies them
/// when it is built, so changing them afterwards changes no client.
/// </summary>
public sealed class JinaClientOptions
{
    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "JINA_API_KEY";

    /// <summary>The public endpoint of the Jina API.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.jina.ai/");

    /// <summary>Gets or sets the API key sent as a Bearer token.</summary>
    /// <value>The default is <see langword="null"/>: the <c>JINA_API_KEY</c> environment variable is read.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the base address of the API; requests go to <c>{Endpoint}v1/embeddings</c>.</summary>
    /// <value>The default is <c>https://api.jina.ai/</c>. Plain http is refused except for loopback hosts.</value>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Gets or sets the model used when a call does not name one.</summary>
    /// <value>The default is <see cref="JinaModels.ClipV1"/>.</value>
    public string DefaultModel { get; set; } = JinaModels.ClipV1;

    /// <summary>Gets or sets how long <see cref="JinaModelsClient"/> keeps the model catalogue before reading it again.</summary>
    /// <value>The default is 1 hour: prices and models change rarely, and nothing else depends on the catalogue.</value>
    public TimeSpan ModelCatalogCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long one HTTP request may take, from sending to the end of the response.</summary>
    /// <value>The default is 60 seconds, enough for large multimodal batches.</value>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets whether calls are checked against the SDK's table of what each model accepts (fields, tasks,
    /// dimensions, image inputs) before anything is sent. Turn it off when the API has changed and this SDK has not
    /// caught up: everything set is then sent as it is, and the server judges it (a refusal comes back as
    /// <see cref="JinaApiException"/>). A model the table does not know is never checked.
    /// </summary>
    /// <value>The default is <see langword="true"/>: a field the model would reject with 422 is an <see cref="ArgumentException"/> before sending.</value>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>
    /// Gets or sets whether image bytes, files and streams whose first bytes are not a format the SDK recognises (PNG,
    /// JPEG, GIF, WebP, BMP, TIFF, AVIF, HEIC) are sent anyway. Leave it off to catch a text file or a saved HTML error
    /// page passed as an image before it is paid for; turn it on to send a format the API takes and this SDK does not
    /// know. Image URLs are never checked: the server fetches them.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: such data is an <see cref="ArgumentException"/> before sending, naming the
    /// input's position and what its data starts with. A stream that cannot seek is checked when it is read, just before
    /// its batch is sent.
    /// </value>
    public bool AllowUnrecognizedImageFormats { get; set; }

    /// <summary>Gets or sets the clock used for timeouts and <c>Retry-After</c> dates.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how failed requests are retried.</summary>
    /// <value>The default is 3 retries with exponential backoff and jitter, honouring <c>Retry-After</c> up to 60 seconds.</value>
    public JinaRetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets how long one batch may take in all: every attempt and every wait between them.</summary>
    /// <value>The default is 5 minutes. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the most inputs one request may hold; larger calls are split into batches.</summary>
    /// <value>The default is <see langword="null"/>: the model's limit (2048; 512 for jina-embeddings-v4).</value>
    public int? MaxBatchSize { get; set; }

    /// <summary>
    /// Gets or sets the most estimated tokens one request may hold; larger calls are split into batches. Estimates are
    /// ⌈1.1 × words⌉ per text and one tile per image.
    /// </summary>
    /// <value>The default is 1,000,000 (the free tier's tokens per minute).</value>
    public int MaxTokensPerRequest { get; set; } = 1_000_000;

    /// <summary>
    /// Gets or sets a budget guard: the most tokens one <c>EmbedAsync</c> call may be estimated to spend (images by
    /// their header size and <see cref="JinaClip.TokenEstimator"/>'s rules, which reads image headers — a ranged GET for URLs —
    /// before sending). A call over it throws <see cref="JinaTokenBudgetException"/> before anything is sent. Streaming
    /// calls are not checked (use <see cref="TokensPerMinute"/>).
    /// </summary>
    /// <value>The default is <see langword="null"/> (no guard).</value>
    public long? MaxEstimatedTokensPerCall { get; set; }

    /// <summary>Gets or sets the estimator options the budget guard uses (image rules per model, text counter).</summary>
    /// <value>The default is <see langword="null"/>: <see cref="TokenEstimatorOptions"/>' defaults.</value>
    public TokenEstimatorOptions? TokenEstimatorOptions { get; set; }

    /// <summary>
    /// Gets or sets what prepares each image before it is sent (bytes, files and streams; and image URLs the preprocessor
    /// downloads, where it offers that). The <c>JinaClip.Imaging</c> package's <c>SkiaImageDownscaler</c> resizes images to
    /// the size the model sees, which cuts their cost many times over. The estimate of
    /// <see cref="MaxEstimatedTokensPerCall"/> counts images as they will be sent.
    /// </summary>
    /// <value>The default is <see langword="null"/>: images are sent byte for byte as given (a library does not change what you send unless asked).</value>
    public IImagePreprocessor? ImagePreprocessor { get; set; }

    /// <summary>
    /// Gets or sets whether image URLs are downloaded by the SDK (through the image-URL fetch rules: public addresses only,
    /// same-host redirects, no key, at most 8 MiB within <see cref="ImageUrlFetchOptions.Timeout"/>), prepared by
    /// <see cref="ImagePreprocessor"/> and sent as base64, instead of being fetched by the server at full size and price.
    /// </summary>
    /// <value>The default is <see langword="false"/>: the server fetches image URLs. Has no effect without <see cref="ImagePreprocessor"/>.</value>
    public bool DownloadImageUrls { get; set; }

    /// <summary>Gets or sets how many requests of one call may be in flight at once.</summary>
    /// <value>The default is 4 (the free tier allows 5 concurrent requests).</value>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Gets or sets a client-side limit on requests per minute (a sliding window); retries count too.</summary>
    /// <value>The default is <see langword="null"/> (no limit). Ignored when <see cref="RequestRateLimiter"/> is set.</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets a client-side limit on estimated tokens per minute (a sliding window).</summary>
    /// <value>The default is <see langword="null"/> (no limit). Ignored when <see cref="TokenRateLimiter"/> is set.</value>
    public int? TokensPerMinute { get; set; }

    /// <summary>
    /// Gets or sets a limiter every request acquires one permit from, e.g. one shared by all clients of a key.
    /// The caller owns it.
    /// </summary>
    /// <value>The default is <see langword="null"/>: built from <see cref="RequestsPerMinute"/> when that is set.</value>
    public RateLimiter? RequestRateLimiter { get; set; }

    /// <summary>Gets or sets a limiter every request acquires its estimated tokens from. The caller owns it.</summary>
    /// <value>The default is <see langword="null"/>: built from <see cref="TokensPerMinute"/> when that is set.</value>
    public RateLimiter? TokenRateLimiter { get; set; }

    /// <summary>
    /// Gets or sets how many requests of this connection may be in flight at once, across all its calls (the API limits
    /// concurrent requests per key: 5 on the free tier). A request holds its permit for one attempt; it waits for one in
    /// order, within <see cref="TotalTimeout"/>, not within <see cref="NetworkTimeout"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/> (no limit beyond <see cref="MaxConcurrency"/> per call). Ignored when <see cref="ConcurrencyLimiter"/> is set.</value>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>
    /// Gets or sets a limiter every attempt acquires one permit from while it is in flight, e.g. one shared by all
    /// clients of a key. The caller owns it.
    /// </summary>
    /// <value>The default is <see langword="null"/>: built from <see cref="MaxConcurrentRequests"/> when that is set.</value>
    public RateLimiter? ConcurrencyLimiter { get; set; }

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>A string naming the endpoint, model and whether a key is set.</returns>
    public override string ToString() =>
        $"JinaClientOptions {{ Endpoint = {Endpoint}, DefaultModel = {DefaultModel}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "***")} }}";

    /// <summary>
    /// Gets or sets where the client logs: requests and responses at Debug, retries at Warning, inputs (texts, and
    /// images by kind and URL, never bytes) at Trace. The API key is never logged.
    /// </summary>
    /// <value>The default is <see langword="null"/> (no logging); the DI registration sets the host's factory.</value>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the client for image URLs when <see cref="ImageUrlFetchOptions.HttpClient"/> is not set: the DI-named one.</summary>
    internal HttpClient? ImageHttpClient { get; set; }

    /// <summary>A copy a client keeps or adjusts (its retry and estimator options copied too), leaving the caller's options untouched.</summary>
    internal JinaClientOptions CloneForClient()
    {
        var copy = (JinaClientOptions)MemberwiseClone();
        copy.Retry = (Retry ?? throw new ArgumentException("JinaClientOptions.Retry is null.", "options")).MemberwiseCloneRetry();
        copy.TokenEstimatorOptions = TokenEstimatorOptions?.Clone();
        return copy;
    }
}
