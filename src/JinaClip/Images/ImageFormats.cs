namespace JinaClip.Images;

/// <summary>The one list of the image formats the SDK reads, and their names, for every message that names them.</summary>
internal static class ImageFormats
{
    /// <summary>Gets every format, in the enum's order.</summary>
    public static IReadOnlyList<ImageFormat> All { get; } =
#if NET
        Enum.GetValues<ImageFormat>();
#else
        (ImageFormat[])Enum.GetValues(typeof(ImageFormat));
#endif

    /// <summary>Gets the formats as a message names them: "PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF and HEIC".</summary>
    public static string Listed { get; } =
        string.Join(", ", All.Take(All.Count - 1).Select(Name)) + " and " + Name(All[All.Count - 1]);

    /// <summary>Gets the name a message uses for a format.</summary>
    /// <remarks>Exhaustive: a new <see cref="ImageFormat"/> member fails the build here until it has a name.</remarks>
    public static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Png => "PNG",
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Gif => "GIF",
        ImageFormat.WebP => "WebP",
        ImageFormat.Bmp => "BMP",
        ImageFormat.Tiff => "TIFF",
        ImageFormat.Avif => "AVIF",
        ImageFormat.Heic => "HEIC",
    };
}
