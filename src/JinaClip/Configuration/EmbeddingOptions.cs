using System.Text.Json;

namespace JinaClip;

/// <summary>
/// Per-call options. A property left <see langword="null"/> is not written to the request, so the server's
/// default applies. For a model this SDK knows, an option that model does not accept is an
/// <see cref="ArgumentException"/> before anything is sent; for other models, whatever is set is sent.
/// </summary>
public sealed class EmbeddingOptions
{
    private int? _dimensions;

    /// <summary>Gets or sets the model.</summary>
    /// <value>The default is <see langword="null"/>: the client's <see cref="JinaClientOptions.DefaultModel"/>.</value>
    public string? Model { get; set; }

    /// <summary>
    /// Gets or sets the <c>embedding_type</c>: the one place that chooses how vectors travel.
    /// <see cref="EmbeddingType.Base64"/> and <see cref="EmbeddingType.Float"/> both give float vectors (base64 is about
    /// a quarter of the bytes); the binary types give packed bits.
    /// </summary>
    /// <value>The default is <see langword="null"/>: float vectors carried as <see cref="EmbeddingType.Base64"/>.</value>
    public EmbeddingType? EmbeddingType { get; set; }

    /// <summary>Gets or sets the <c>task</c> (see <see cref="JinaTasks"/>).</summary>
    /// <value>The default is <see langword="null"/> (not sent).</value>
    public string? Task { get; set; }

    /// <summary>Gets or sets the number of dimensions to truncate vectors to (Matryoshka models only).</summary>
    /// <value>The default is <see langword="null"/> (the model's native size).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? Dimensions
    {
        get => _dimensions;
        set
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Dimensions must be a positive number.");
            }

            _dimensions = value;
        }
    }

    /// <summary>Gets or sets <c>normalized</c>: whether vectors are scaled to unit length.</summary>
    /// <value>The default is <see langword="null"/> (not sent; the API normalises by default).</value>
    public bool? Normalized { get; set; }

    /// <summary>Gets or sets <c>late_chunking</c>: embed all inputs as one sequence, then split (v3, v4 text).</summary>
    /// <value>The default is <see langword="null"/> (not sent).</value>
    public bool? LateChunking { get; set; }

    /// <summary>Gets or sets <c>truncate</c>: cut inputs over the model's token limit instead of failing.</summary>
    /// <value>The default is <see langword="null"/> (not sent; the API fails on over-long input by default).</value>
    public bool? Truncate { get; set; }

    /// <summary>
    /// Gets or sets whether a bad input is skipped and reported instead of failing the call: for bulk work on messy data
    /// (a folder with a 0-byte or misnamed file), where one bad item must not sink the rest.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: a bad input fails the call with an exception naming it, before anything
    /// is sent. When <see langword="true"/>, inputs that are missing, empty, unreadable, not a recognised image, over a
    /// limit or refused by the image preprocessor are never sent, and an input the API rejects (a 4xx that names it, or
    /// found by halving its batch: at most ⌈log2(batch)⌉ + 1 more requests for one, and nothing that succeeded is sent
    /// again) is isolated from the rest of its batch. Each comes back as an <see cref="InputFailure"/> with its position:
    /// in <see cref="JinaEmbeddingCollection.Failures"/> for a list call, in <see cref="EmbeddingProgress.Failures"/> for
    /// a stream. Every good input is embedded and returned, in order; tokens are only those of what succeeded.
    /// </value>
    public bool SkipBadInputs { get; set; }

    /// <summary>
    /// Gets or sets extra request fields, written verbatim after the SDK's own, so a field the API adds tomorrow can be
    /// used today. They are not checked against the model (the server judges them); a name the SDK writes itself
    /// (<c>model</c>, <c>input</c>, <c>embedding_type</c>, <c>task</c>, <c>dimensions</c>, <c>normalized</c>,
    /// <c>late_chunking</c>, <c>truncate</c>) is an <see cref="ArgumentException"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/> (no extra fields).</value>
    public IDictionary<string, JsonElement>? AdditionalRequestFields { get; set; }

    /// <summary>Creates a copy of these options (<see cref="AdditionalRequestFields"/> is copied too, its values shared).</summary>
    /// <returns>A new instance with the same values.</returns>
    public EmbeddingOptions Clone()
    {
        var copy = (EmbeddingOptions)MemberwiseClone();
        if (AdditionalRequestFields is { } fields)
        {
            copy.AdditionalRequestFields = new Dictionary<string, JsonElement>(fields, StringComparer.Ordinal);
        }

        return copy;
    }
}
