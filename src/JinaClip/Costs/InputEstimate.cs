namespace JinaClip;

/// <summary>
/// The estimated cost of one input. For an image with an <see cref="IImagePreprocessor"/>: <see cref="Tokens"/>,
/// <see cref="Image"/> and <see cref="Tiles"/> are the image as it would be sent, and the <c>Original…</c> members the
/// image as given. Built by <see cref="TokenEstimator"/>; see <see cref="JinaClipModelFactory"/> for tests.
/// </summary>
public sealed class InputEstimate
{
    internal InputEstimate(int index, EmbeddingInputKind kind, long tokens, ImageSize? image, long? tiles)
        : this(index, kind, tokens, image, tiles, tokens, image, tiles, null)
    {
    }

    private InputEstimate(
        int index, EmbeddingInputKind kind, long tokens, ImageSize? image, long? tiles, long originalTokens, ImageSize? originalImage, long? originalTiles, string? note, string? refusal = null)
    {
        Refusal = refusal;
        Index = index;
        Kind = kind;
        Tokens = tokens;
        Image = image;
        Tiles = tiles;
        OriginalTokens = originalTokens;
        OriginalImage = originalImage;
        OriginalTiles = originalTiles;
        Note = note;
    }

    /// <summary>Gets the input's position in the call.</summary>
    public int Index { get; }

    /// <summary>Gets the input's kind.</summary>
    public EmbeddingInputKind Kind { get; }

    /// <summary>Gets the estimated tokens, as the input would be sent.</summary>
    public long Tokens { get; }

    /// <summary>Gets the image's format and size as it would be sent (images only).</summary>
    public ImageSize? Image { get; }

    /// <summary>Gets the tiles the image covers as it would be sent (images only).</summary>
    public long? Tiles { get; }

    /// <summary>Gets the estimated tokens of the input as given (equal to <see cref="Tokens"/> unless a preprocessor resizes it).</summary>
    public long OriginalTokens { get; }

    /// <summary>Gets the image's format and size as given (images only).</summary>
    public ImageSize? OriginalImage { get; }

    /// <summary>Gets the tiles of the image as given (images only).</summary>
    public long? OriginalTiles { get; }

    /// <summary>Gets why an image would be sent unchanged (e.g. <c>not downscaled: HEIC</c>), or <see langword="null"/>.</summary>
    public string? Note { get; }

    /// <summary>
    /// Gets why the image would be refused before sending (over <c>MaxPixels</c> or the decode budget of the image
    /// preprocessor, as embedding it would find), or <see langword="null"/>. A refused input counts 0 tokens.
    /// </summary>
    public string? Refusal { get; }

    /// <summary>Formats the estimate.</summary>
    /// <returns>Index, kind, tokens, and the image's size and tiles when known.</returns>
    public override string ToString() => OriginalTokens == Tokens
        ? $"InputEstimate {{ Index = {Index}, Kind = {Kind}, Tokens = {Tokens}, Image = {Image}, Tiles = {Tiles} }}"
        : $"InputEstimate {{ Index = {Index}, Kind = {Kind}, Tokens = {Tokens}, Image = {Image}, Tiles = {Tiles}, OriginalTokens = {OriginalTokens}, OriginalImage = {OriginalImage} }}";

    /// <summary>This estimate with the image sent at <paramref name="sent"/>.</summary>
    internal InputEstimate As(ImageSize sent, long tiles, long tokens) =>
        new(Index, Kind, tokens, sent, tiles, OriginalTokens, OriginalImage, OriginalTiles, null);

    /// <summary>This estimate as refused: nothing would be sent.</summary>
    internal InputEstimate RefusedFor(string reason) =>
        new(Index, Kind, 0, null, null, OriginalTokens, OriginalImage, OriginalTiles, null, reason);

    /// <summary>This estimate, unchanged, with a note.</summary>
    internal InputEstimate With(string? note) =>
        note is null ? this : new(Index, Kind, Tokens, Image, Tiles, OriginalTokens, OriginalImage, OriginalTiles, note);
}
