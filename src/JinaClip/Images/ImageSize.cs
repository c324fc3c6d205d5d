namespace JinaClip;

/// <summary>An image's format and pixel size, as its header states them.</summary>
/// <param name="Format">Gets the format detected from the bytes.</param>
/// <param name="Width">Gets the width in pixels (1 or more).</param>
/// <param name="Height">Gets the height in pixels (1 or more).</param>
public readonly record struct ImageSize(ImageFormat Format, int Width, int Height);
