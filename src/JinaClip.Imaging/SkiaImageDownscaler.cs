using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace JinaClip.Imaging;

/// <summary>
/// Resizes images to what the model sees before they are uploaded, on SkiaSharp: jina-clip-v1's shortest side to 224 px
/// (a 4000×3000 photo: 252,000 tokens → 2,000), jina-clip-v2's to 512, jina-embeddings-v4 within a pixel budget; any
/// other model's images are sent unchanged. Never upscales; an image at or under the target is sent byte for byte.
/// </summary>
/// <remarks>
/// <para>
/// What the model sees is kept: the resampling is the model preprocessing's own (bicubic, as Pillow does it), colour is
/// converted to RGB as its loader does (alpha dropped, not composited; palettes expanded; CMYK and 16-bit converted; the
/// first frame of an animation), and EXIF orientation is <b>not</b> applied, as Pillow's <c>Image.open</c> +
/// <c>convert("RGB")</c> does not apply it: the stored pixels are what the server's loader sees. A JPEG much larger than
/// the target is decoded at 1/2, 1/4 or 1/8 scale in the DCT domain first, which is where the speed comes from; a
/// baseline JPEG at least eight times the target (a phone photo for jina-clip-v1) is decoded at 1/8 by the package's own
/// decoder, which keeps only the coefficients that scale needs (luma's DC, chroma's lowest terms) and gives SkiaSharp's
/// 1/8 picture to within rounding (78–83 dB at quality 90, 54 dB at quality 100) at about 1.5 times its speed; any other
/// JPEG is SkiaSharp's.
/// </para>
/// <para>
/// Formats SkiaSharp cannot decode here (HEIC, AVIF, TIFF) are sent unchanged, never refused, with the note
/// <c>not downscaled: HEIC</c> in the estimate and the log. An image claiming more than
/// <see cref="ImageDownscalingOptions.MaxPixels"/>, or that would take more than
/// <see cref="ImageDownscalingOptions.MaxDecodeMemory"/> to decode, is refused before decoding; a corrupt one is an
/// <see cref="InvalidDataException"/>. JPEG and non-interlaced PNG are decoded a few rows at a time into the resampler,
/// never whole; at most <see cref="MaxConcurrentDecodes"/> images are in flight in the process at once. Thread-safe.
/// </para>
/// </remarks>
public sealed class SkiaImageDownscaler : IImagePreprocessor
{
    private static readonly HashSet<ImageFormat> Decodable = [ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Gif, ImageFormat.WebP, ImageFormat.Bmp];

    private readonly ImageDownscalingOptions _options;

    /// <summary>Creates a downscaler.</summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SkiaImageDownscaler(ImageDownscalingOptions? options = null)
    {
        _options = options ?? new ImageDownscalingOptions();
        if (_options.JpegQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.JpegQuality, "ImageDownscalingOptions.JpegQuality must be from 1 to 100.");
        }

        if (_options.MaxDecodeMemory < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxDecodeMemory, "ImageDownscalingOptions.MaxDecodeMemory must be at least 1 MiB.");
        }

        if (_options.MaxPixels < 1 || _options.EmbeddingsV4MaxPixels < 28 * 28)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ImageDownscalingOptions.MaxPixels must be positive and EmbeddingsV4MaxPixels at least 784 (one patch).");
        }
    }

    /// <summary>
    /// Gets or sets how many images every downscaler in the process decodes, resizes and encodes at once; more wait their
    /// turn (asynchronously, cancellably), so N uploads at once hold at most this many images' memory
    /// (<see cref="ImageDownscalingOptions.MaxDecodeMemory"/> each), not N.
    /// </summary>
    /// <value>The default is <see cref="Environment.ProcessorCount"/>: the work is CPU-bound, so more at once would not finish sooner.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxConcurrentDecodes
    {
        get => DecodeGate.Limit;
        set => DecodeGate.Limit = value;
    }

    /// <inheritdoc/>
    public ImagePlan Plan(ImageSize original, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((long)original.Width * original.Height > _options.MaxPixels)
        {
            return ImagePlan.Refused(TooManyPixels(original.Width, original.Height));
        }

        if (TargetSize.For(model, original.Width, original.Height, _options) is not { } target)
        {
            return ImagePlan.Unchanged();
        }

        if (!Decodable.Contains(original.Format))
        {
            return ImagePlan.Unchanged($"not downscaled: {Name(original.Format)}");
        }

        // Formats decoded whole are refused by their size alone; a JPEG or PNG is decoded in rows (its file, which a plan
        // does not have, can only make that more: a progressive JPEG, an interlaced PNG).
        if (original.Format is not (ImageFormat.Jpeg or ImageFormat.Png)
            && DecodePlan.For([], original, (target.Width, target.Height)) is { } decode && decode.Bytes > _options.MaxDecodeMemory)
        {
            return ImagePlan.Refused(TooMuchMemory(original, decode.Bytes));
        }

        var side = target.Crop;
        return ImagePlan.Resize(JinaClipModelFactory.ImageSize(Output, side ?? target.Width, side ?? target.Height));
    }

    /// <inheritdoc/>
    public async ValueTask<PreparedImage> PrepareAsync(ReadOnlyMemory<byte> image, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        ImageSize header;
        try
        {
            header = ImageHeaderReader.Read(image);
        }
        catch (JinaImageHeaderException ex)
        {
            throw new InvalidDataException($"The image cannot be read: {ex.Message}", ex);
        }

        if ((long)header.Width * header.Height > _options.MaxPixels)
        {
            throw new ArgumentException(TooManyPixels(header.Width, header.Height));
        }

        if (TargetSize.For(model, header.Width, header.Height, _options) is not { } target)
        {
            return PreparedImage.Unchanged(image, header);
        }

        if (!Decodable.Contains(header.Format))
        {
            return PreparedImage.Unchanged(image, header, $"not downscaled: {Name(header.Format)}");
        }

        var plan = DecodePlan.For(image.Span, header, (target.Width, target.Height));
        if (plan.Bytes > _options.MaxDecodeMemory)
        {
            throw new ArgumentException(TooMuchMemory(header, plan.Bytes));
        }

        using (await DecodeGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The resized picture (and its crop) are pooled, returned once encoded: large-object allocations for each
            // photo would cost a collection of the oldest generation every few photos.
            var resized = Decode(image, header, plan, target.Width, target.Height);
            var (outWidth, outHeight) = (target.Width, target.Height);
            byte[] encoded;
            try
            {
                if (target.Crop is { } side)
                {
                    var cropped = Crop(resized, target.Width, target.Height, side);
                    ArrayPool<byte>.Shared.Return(resized);
                    resized = cropped;
                    (outWidth, outHeight) = (side, side);
                }

                encoded = Encode(resized, outWidth, outHeight);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(resized);
            }

            return new PreparedImage(encoded, header, JinaClipModelFactory.ImageSize(Output, outWidth, outHeight));
        }
    }

    private ImageFormat Output => _options.OutputFormat == DownscaleOutputFormat.Png ? ImageFormat.Png : ImageFormat.Jpeg;

    private static string Name(ImageFormat format) => format.ToString().ToUpperInvariant();

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:N1} MB";

    private string TooManyPixels(int width, int height) =>
        $"The image claims {width:N0}×{height:N0} = {(long)width * height:N0} pixels, more than ImageDownscalingOptions.MaxPixels ({_options.MaxPixels:N0}); it was not decoded.";

    private string TooMuchMemory(ImageSize header, long bytes) =>
        $"The {header.Width:N0}×{header.Height:N0} {Name(header.Format)} image would take about {Megabytes(bytes)} to decode, more than ImageDownscalingOptions.MaxDecodeMemory ({Megabytes(_options.MaxDecodeMemory)}); it was not decoded. "
        + "JPEG and non-interlaced PNG are decoded a few rows at a time and stay far within it; a GIF, WebP, BMP or interlaced PNG is decoded whole, at 4 bytes a pixel.";

    /// <summary>
    /// Decodes the first frame to 8-bit RGBA with straight (unpremultiplied) alpha and no colour-space conversion (what
    /// Pillow's loader gives) and resizes it to the target, by the plan's route: a JPEG at the plan's DCT scale, rows
    /// streamed into the resampler wherever the codec can give them a few at a time. The result is rented from
    /// <see cref="ArrayPool{T}.Shared"/> (and may be longer than the picture); the caller returns it.
    /// </summary>
    private static byte[] Decode(ReadOnlyMemory<byte> image, ImageSize header, DecodePlan plan, int targetWidth, int targetHeight)
    {
        // A baseline JPEG eight or more times the target: its DC coefficients are the 1/8-scale picture, and decoding only
        // them is about twice as fast as SkiaSharp's 1/8 decode. Any other JPEG, or one that does not decode, goes to SkiaSharp.
        // Its rows go straight into the resampler, so the 1/8 picture is never held whole.
        if (plan.Route == DecodeRoute.DcOnly)
        {
            var eighth = new BicubicResampler((header.Width + 7) / 8, (header.Height + 7) / 8, targetWidth, targetHeight, pooledOutput: true);
            if (TryDecodeDcOnly(image.Span, eighth))
            {
                return eighth.Finish();
            }
        }

        if (plan.Route == DecodeRoute.Rows && header.Format == ImageFormat.Png)
        {
            var rows = new BicubicResampler(header.Width, header.Height, targetWidth, targetHeight, pooledOutput: true);
            PngRowReader.Decode(image, rows);
            return rows.Finish();
        }

        using var data = SKData.CreateCopy(image.Span);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException($"The {Name(header.Format)} image is corrupt: SkiaSharp cannot read it.");
        var size = codec.Info.Size;
        // The plan's DCT scale (the smallest that covers the target, larger for chroma subsampled past 2, as in 4:1:1),
        // or the next larger one should SkiaSharp round the plan's down past the target.
        for (var scale = plan.JpegScale; header.Format == ImageFormat.Jpeg && scale < 1f; scale *= 2)
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (scaled.Width >= targetWidth && scaled.Height >= targetHeight)
            {
                size = scaled;
                break;
            }
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var resampler = new BicubicResampler(size.Width, size.Height, targetWidth, targetHeight, pooledOutput: true);
        if (plan.Route != DecodeRoute.Whole && codec.StartScanlineDecode(info) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
        {
            ReadRows(codec, info, resampler, header.Format);
            return resampler.Finish();
        }

        if (plan.Route != DecodeRoute.Whole)
        {
            // The plan counted rows, not the whole frame: a codec that will not stream is not decoded whole behind its back.
            throw new InvalidDataException($"The {Name(header.Format)} image cannot be decoded row by row by SkiaSharp, and decoding it whole was not budgeted.");
        }

        var pixels = new byte[info.BytesSize];
        var result = codec.GetPixels(info, pixels);
        if (result != SKCodecResult.Success)
        {
            throw new InvalidDataException($"The {Name(header.Format)} image is corrupt: decoding failed ({result}).");
        }

        return BicubicResampler.Resize(pixels, size.Width, size.Height, targetWidth, targetHeight, pooledOutput: true);
    }

    /// <summary>Feeds the resampler <see cref="DecodePlan.RowsPerRead"/> rows at a time from a started scanline decode.</summary>
    private static void ReadRows(SKCodec codec, SKImageInfo info, BicubicResampler resampler, ImageFormat format)
    {
        var rowBytes = info.RowBytes;
        var buffer = new byte[rowBytes * DecodePlan.RowsPerRead];
        var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        try
        {
            for (var y = 0; y < info.Height; y += DecodePlan.RowsPerRead)
            {
                var count = Math.Min(DecodePlan.RowsPerRead, info.Height - y);
                var decoded = codec.GetScanlines(handle.AddrOfPinnedObject(), count, rowBytes);
                if (decoded != count)
                {
                    throw new InvalidDataException($"The {Name(format)} image is corrupt: decoding stopped at row {y + Math.Max(decoded, 0):N0} of {info.Height:N0}.");
                }

                for (var row = 0; row < count; row++)
                {
                    resampler.AddRow(buffer.AsSpan(row * rowBytes, rowBytes));
                }
            }
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The DC-only decode into <paramref name="resampler"/>, or false to let SkiaSharp decode (and judge) a JPEG it does not take or cannot read.</summary>
    private static bool TryDecodeDcOnly(ReadOnlySpan<byte> image, BicubicResampler resampler)
    {
        try
        {
            return JpegDcDecoder.TryDecodeInto(image, resampler);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException)
        {
            return false; // hostile headers it did not foresee: SkiaSharp decodes the file or reports it corrupt, as for any JPEG
        }
    }

    private static byte[] Crop(byte[] pixels, int width, int height, int side)
    {
        var left = (width - side) / 2;
        var top = (height - side) / 2;
        var cropped = ArrayPool<byte>.Shared.Rent(side * side * 4);
        for (var y = 0; y < side; y++)
        {
            pixels.AsSpan((((top + y) * width) + left) * 4, side * 4).CopyTo(cropped.AsSpan(y * side * 4));
        }

        return cropped;
    }

    private byte[] Encode(byte[] rgba, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, rgba.AsSpan(0, info.BytesSize)); // a pooled array may be longer
        using var pixmap = image.PeekPixels() ?? throw new InvalidOperationException("SkiaSharp gave no pixels for an image it had just made.");

        // JPEG without chroma subsampling: at the model's input size, 4:2:0 costs colour detail the model would see.
        using var encoded = (_options.OutputFormat == DownscaleOutputFormat.Png
            ? pixmap.Encode(SKEncodedImageFormat.Png, 100)
            : pixmap.Encode(new SKJpegEncoderOptions(_options.JpegQuality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore)))
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width}×{height} image as {_options.OutputFormat}.");
        return encoded.ToArray();
    }
}
