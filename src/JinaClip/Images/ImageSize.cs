namespace JinaClip;

/// <summary>An image's format and pixel size, as its header states them. Built by <see cref="ImageHeaderReader"/>; see <see cref="JinaClipModelFactory"/> for tests.</summary>
public readonly struct ImageSize : IEquatable<ImageSize>
{
    internal ImageSize(ImageFormat format, int width, int height)
    {
        Format = format;
        Width = width;
        Height = height;
    }

    /// <summary>Gets the format detected from the bytes.</summary>
    public ImageFormat Format { get; }

    /// <summary>Gets the width in pixels (1 or more).</summary>
    public int Width { get; }

    /// <summary>Gets the height in pixels (1 or more).</summary>
    public int Height { get; }

    /// <summary>Compares two sizes.</summary>
    /// <param name="left">A size.</param>
    /// <param name="right">Another size.</param>
    /// <returns>Whether format, width and height are equal.</returns>
    public static bool operator ==(ImageSize left, ImageSize right) => left.Equals(right);

    /// <summary>Compares two sizes.</summary>
    /// <param name="left">A size.</param>
    /// <param name="right">Another size.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ImageSize left, ImageSize right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(ImageSize other) => Format == other.Format && Width == other.Width && Height == other.Height;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ImageSize other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Format * 31 * 31) ^ (Width * 31) ^ Height;

    /// <summary>Formats the size as <c>Png 640×480</c>.</summary>
    /// <returns>The format and size.</returns>
    public override string ToString() => $"{Format} {Width}×{Height}";
}
