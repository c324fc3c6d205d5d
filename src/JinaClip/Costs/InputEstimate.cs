namespace JinaClip;

/// <summary>The estimated cost of one input.</summary>
/// <param name="Index">Gets the input's position in the call.</param>
/// <param name="Kind">Gets the input's kind.</param>
/// <param name="Tokens">Gets the estimated tokens.</param>
/// <param name="Image">Gets the image's format and size (images only).</param>
/// <param name="Tiles">Gets the tiles the image covers (images only).</param>
public sealed record InputEstimate(int Index, EmbeddingInputKind Kind, long Tokens, ImageSize? Image, long? Tiles);
