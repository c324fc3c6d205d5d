namespace JinaClip.Testing;

/// <summary>Settings of a <see cref="JinaEmulator"/>.</summary>
public sealed class JinaEmulatorOptions
{
    /// <summary>Gets or sets whether requests need an <c>Authorization: Bearer</c> header.</summary>
    /// <value>The default is <see langword="true"/>: a request without one gets the API's 401.</value>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>Gets or sets the only key accepted; any other gets 401 <c>AUTH_INVALID_API_KEY</c>.</summary>
    /// <value>The default is <see langword="null"/>: any non-empty Bearer key is accepted.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the clock used for added latency and for few-shot classifiers' training time.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets how long a few-shot classifier trains after <c>POST /v1/train</c> (create or update), on
    /// <see cref="TimeProvider"/>: until then, classifying with it or updating it answers 409 <c>CONFLICT_RESOURCE_BUSY</c>,
    /// as the API does.
    /// </summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan ClassifierTrainingTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets per-key limits enforced as the API does (429 with its codes, <c>Retry-After</c> and <c>X-RateLimit-*</c> headers).</summary>
    /// <value>The default is <see langword="null"/>: no limits.</value>
    public EmulatorQuota? Quota { get; set; }

    /// <summary>
    /// Gets or sets a canned response: a fixed, pre-serialised 200 body sent for every request whatever it says (not
    /// parsed, validated or recorded; only counted), so a benchmark measures the client, not the server. Build one with
    /// <see cref="JinaEmulator.CannedEmbeddings"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: requests are answered normally.</value>
    public byte[]? CannedResponse { get; set; }
}
