namespace JinaClip;

/// <summary>What an <see cref="IImagePreprocessor"/> would send for an image: a new size, or the image unchanged and why.</summary>
public sealed class ImagePlan
{
    private ImagePlan(ImageSize? sentSize, string? note, string? refusal = null)
    {
        SentSize = sentSize;
        Note = note;
        Refusal = refusal;
    }

    /// <summary>Gets the size that would be sent, or <see langword="null"/> when the image is sent unchanged.</summary>
    public ImageSize? SentSize { get; }

    /// <summary>Gets why the image is sent unchanged (e.g. <c>not downscaled: HEIC</c>), or <see langword="null"/>.</summary>
    public string? Note { get; }

    /// <summary>Gets why the preprocessor would refuse the image (so the call would fail, or skip it), or <see langword="null"/>.</summary>
    public string? Refusal { get; }

    /// <summary>The preprocessor would refuse the image, as its <see cref="IImagePreprocessor.PrepareAsync"/> would.</summary>
    /// <param name="reason">Why, as a sentence (e.g. "it claims 900,000,000 pixels, more than MaxPixels (50,000,000)").</param>
    /// <returns>The plan.</returns>
    public static ImagePlan Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, null, reason);
    }

    /// <summary>The image would be sent as it is.</summary>
    /// <param name="note">Why (shown in estimates and logs), or <see langword="null"/> when there is nothing to say (it is small enough).</param>
    /// <returns>The plan.</returns>
    public static ImagePlan Unchanged(string? note = null) => new(null, note);

    /// <summary>The image would be sent at <paramref name="size"/>.</summary>
    /// <param name="size">The size to send.</param>
    /// <returns>The plan.</returns>
    public static ImagePlan Resize(ImageSize size) => new(size, null);

    /// <summary>Describes the plan.</summary>
    /// <returns>The size to send, or the note.</returns>
    public override string ToString() => SentSize is { } size ? $"ImagePlan {{ SentSize = {size} }}"
        : Refusal is { } refusal ? $"ImagePlan {{ Refused, Refusal = {refusal} }}"
        : $"ImagePlan {{ Unchanged, Note = {Note} }}";
}
