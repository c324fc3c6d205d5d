namespace JinaClip;

/// <summary>
/// Prepares each image before it is sent, once per image, while a call's inputs are read (after every input was checked,
/// before the image's request). The SDK ships none in the core, which stays free of native code: the
/// <c>JinaClip.Imaging</c> package's <c>SkiaImageDownscaler</c> resizes images to what the model sees, so you stop paying
/// for pixels it never uses. Set one with <see cref="JinaClientOptions.ImagePreprocessor"/> (and
/// <see cref="TokenEstimatorOptions.ImagePreprocessor"/> for estimates).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe (images of a call are prepared concurrently) and must not send anything. An
/// <see cref="ArgumentException"/> or <see cref="InvalidDataException"/> from <see cref="PrepareAsync"/> is reported as an
/// <see cref="ArgumentException"/> naming the input's position, and nothing more of the call is sent.
/// </remarks>
public interface IImagePreprocessor
{
    /// <summary>Says, from the image's header alone, what <see cref="PrepareAsync"/> would send: used by estimates, which decode nothing.</summary>
    /// <param name="original">The image's format and size, as its header states them.</param>
    /// <param name="model">The model the image is for.</param>
    /// <returns>The size that would be sent, or <see cref="ImagePlan.Unchanged"/> with the reason.</returns>
    ImagePlan Plan(ImageSize original, string model);

    /// <summary>Prepares one image for <paramref name="model"/>.</summary>
    /// <param name="image">The image's bytes, as given (a file's or stream's contents, or the bytes).</param>
    /// <param name="model">The model the image is for.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The bytes to send (the same bytes when nothing is to be done), with what was done.</returns>
    /// <exception cref="ArgumentException">The image cannot be prepared (for example, past a pixel limit).</exception>
    /// <exception cref="InvalidDataException">The image is corrupt.</exception>
    ValueTask<PreparedImage> PrepareAsync(ReadOnlyMemory<byte> image, string model, CancellationToken cancellationToken);
}
