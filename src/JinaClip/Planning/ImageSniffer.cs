using JinaClip.Images;

namespace JinaClip.Planning;

/// <summary>
/// Refuses image data whose first bytes are not a format the SDK recognises (a text file passed as an image, an HTML
/// error page saved as <c>.jpg</c>) before it is sent, so it is never "embedded". The message names the input's
/// position in the call and shows what the data starts with.
/// </summary>
internal static class ImageSniffer
{
    /// <summary>The bytes looked at: enough for every magic number the header reader knows.</summary>
    public const int PrefixBytes = ImageHeaderParser.DetectBytes;


    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="data"/> starts like a recognised image.</summary>
    /// <param name="data">The data, or at least its first <see cref="PrefixBytes"/> bytes.</param>
    /// <param name="index">The input's position in the call.</param>
    /// <param name="source">What the data is, for the message: "the image file 'a.jpg'", "the image stream".</param>
    /// <param name="paramName">The parameter named by the exception.</param>
    public static void Check(ReadOnlySpan<byte> data, int index, string source, string? paramName)
    {
        var prefix = data[..Math.Min(data.Length, PrefixBytes)];
        if (!prefix.IsEmpty && Recognised(prefix))
        {
            return;
        }

        var what = DataPrefix.Describe(prefix);
        throw new ArgumentException(
            $"Input {index} ({source}) is not an image the SDK recognises: {what}. {ImageFormats.Listed} are recognised; to send another format, set JinaClientOptions.AllowUnrecognizedImageFormats to true.",
            paramName);
    }

    private static bool Recognised(ReadOnlySpan<byte> prefix)
    {
        try
        {
            return ImageHeaderParser.Detect(prefix, complete: true) is not null;
        }
        catch (JinaImageHeaderException)
        {
            return false;
        }
    }
}
