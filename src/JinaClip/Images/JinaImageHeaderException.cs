using JinaClip.Images;

namespace JinaClip;

/// <summary>
/// The one exception <see cref="ImageHeaderReader"/> throws for data it cannot read a size from: empty, an unknown
/// format, truncated, inconsistent (a length pointing past its container, a missing field), or an absurd size. The
/// message names the format (when detected) and the problem.
/// </summary>
public sealed class JinaImageHeaderException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="format">The detected format, or <see langword="null"/> when none was recognised.</param>
    /// <param name="problem">What is wrong, e.g. "truncated: the data ends before the IHDR chunk".</param>
    public JinaImageHeaderException(ImageFormat? format, string problem)
        : base(format is { } f ? $"{Name(f)}: {problem}" : problem)
    {
        Format = format;
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="format">The detected format, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public JinaImageHeaderException(ImageFormat? format, string problem, Exception innerException)
        : base(format is { } f ? $"{Name(f)}: {problem}" : problem, innerException)
    {
        Format = format;
    }

    /// <summary>Gets the detected format, or <see langword="null"/> when the bytes matched no known format.</summary>
    public ImageFormat? Format { get; }

    internal static string Name(ImageFormat format) => ImageFormats.Name(format);
}
