namespace JinaClip;

/// <summary>Settings of a <see cref="JinaEmbeddingClient"/>. The client copies them when it is built.</summary>
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

    /// <summary>Gets or sets how long one HTTP request may take, from sending to the end of the response.</summary>
    /// <value>The default is 60 seconds, enough for large multimodal batches.</value>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how float vectors travel when a call does not choose an embedding type.</summary>
    /// <value>The default is <see cref="JinaClip.FloatTransport.Base64"/>.</value>
    public FloatTransport FloatTransport { get; set; } = FloatTransport.Base64;

    /// <summary>Gets or sets the clock used for timeouts and <c>Retry-After</c> dates.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>A string naming the endpoint, model and whether a key is set.</returns>
    public override string ToString() =>
        $"JinaClientOptions {{ Endpoint = {Endpoint}, DefaultModel = {DefaultModel}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "***")} }}";
}
