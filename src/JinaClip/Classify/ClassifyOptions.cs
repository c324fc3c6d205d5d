namespace JinaClip;

/// <summary>Per-call options of <see cref="JinaClassificationClient"/>'s classify methods.</summary>
public sealed class ClassifyOptions
{
    /// <summary>Gets or sets the model of a zero-shot call.</summary>
    /// <value><see langword="null"/>: the client's <see cref="JinaClassificationClient.DefaultModel"/> (<see cref="JinaClientOptions.DefaultModel"/>, jina-clip-v1 unless set). A few-shot call names a classifier instead and refuses a model.</value>
    public string? Model { get; set; }

    /// <summary>
    /// Gets or sets the most inputs one request holds. A longer list is split into requests that run on the client's
    /// engine (at most <see cref="JinaClientOptions.MaxConcurrency"/> at once) and merged in input order: each input is
    /// classified on its own, so the merged answer is the one a single request would give.
    /// </summary>
    /// <value>512, the API's limit.</value>
    public int MaxInputsPerRequest { get; set; } = 512;

    /// <summary>
    /// Gets or sets how long a few-shot call keeps retrying while the classifier is busy (409
    /// <c>CONFLICT_RESOURCE_BUSY</c>, typically while it trains). It waits <c>Retry-After</c>, or 5 seconds, between
    /// tries, on the client's <see cref="JinaClientOptions.TimeProvider"/>; past this it throws
    /// <see cref="JinaResourceBusyException"/>. <see cref="TimeSpan.Zero"/> throws at once.
    /// </summary>
    /// <value>2 minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets where the call reports how many inputs are classified so far, after each request (in increasing
    /// counts, the last one the whole list), for a progress bar on long lists.
    /// </summary>
    /// <value><see langword="null"/>: no reports.</value>
    public IProgress<int>? Progress { get; set; }

    internal ClassifyOptions Clone() => (ClassifyOptions)MemberwiseClone();
}
