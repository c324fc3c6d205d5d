using JinaClip.Engine;
using JinaClip.Planning;
using JinaClip.Wire;

namespace JinaClip.Preparation;

/// <summary>Reads one checked request's files and streams into what goes on the wire, just before the batch is sent.</summary>
internal static class InputPreparer
{
    /// <summary>Reads the inputs' files and streams and, with a preprocessor, prepares their images (a few at once, on the engine).</summary>
    /// <param name="inputs">One request's inputs, checked at planning.</param>
    /// <param name="start">The position of the first input in the call, for messages.</param>
    /// <param name="checkFormat">Whether image bytes must start like a format the SDK recognises.</param>
    /// <param name="images">The client's image preparation, or <see langword="null"/>.</param>
    /// <param name="model">The model the images are prepared for.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static async Task<PreparedInput[]> PrepareAsync(
        ReadOnlyMemory<EmbeddingInput> inputs, int start, bool checkFormat, ImagePreparation? images, string model, CancellationToken cancellationToken)
    {
        if (images is null)
        {
            var prepared = new PreparedInput[inputs.Length];
            for (var i = 0; i < prepared.Length; i++)
            {
                prepared[i] = await PrepareOneAsync(inputs.Span[i], start + i, checkFormat, null, model, cancellationToken).ConfigureAwait(false);
            }

            return prepared;
        }

        // Decoding and resizing are CPU work: a few images at once on the thread pool, each read just before it is
        // prepared, so that at most that many originals are held in memory. Texts need no thread. The first input that
        // failed, in input order, is the one reported.
        var positions = Enumerable.Range(0, inputs.Length).ToArray();
        return await RequestEngine.RunAllAsync<int, PreparedInput>(
            positions,
            (i, ct) => inputs.Span[i] is { IsImage: false } text
                ? Task.FromResult(new PreparedInput(EmbeddingInputKind.Text, text.Value, default))
                : Task.Run(() => PrepareOneAsync(inputs.Span[i], start + i, checkFormat, images, model, ct).AsTask(), ct),
            Math.Max(1, Environment.ProcessorCount),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="PrepareAsync"/>, for a call with <see cref="EmbeddingOptions.SkipBadInputs"/>: an input that cannot
    /// be read or prepared is logged in <paramref name="failures"/> and left out, and the rest go on.
    /// </summary>
    /// <returns>The prepared inputs and, for each, its place in <paramref name="inputs"/>.</returns>
    public static async Task<(PreparedInput[] Prepared, int[] Places)> PrepareOrSkipAsync(
        ReadOnlyMemory<EmbeddingInput> inputs, Func<int, int> positionOf, bool checkFormat, ImagePreparation? images, string model, InputFailureLog failures, CancellationToken cancellationToken)
    {
        var places = Enumerable.Range(0, inputs.Length).ToArray();
        var results = await RequestEngine.RunAllAsync<int, PreparedInput?>(
            places,
            (i, ct) => Task.Run(() => PrepareOrNullAsync(inputs.Span[i], positionOf(i), checkFormat, images, model, failures, ct), ct),
            Math.Max(1, Environment.ProcessorCount),
            cancellationToken).ConfigureAwait(false);
        var kept = places.Where(i => results[i] is not null).ToArray();
        return ([.. kept.Select(i => results[i]!.Value)], kept);
    }

    private static async Task<PreparedInput?> PrepareOrNullAsync(
        EmbeddingInput input, int index, bool checkFormat, ImagePreparation? images, string model, InputFailureLog failures, CancellationToken cancellationToken)
    {
        try
        {
            return await PrepareOneAsync(input, index, checkFormat, images, model, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (InputFailureLog.IsInputFault(ex) && !cancellationToken.IsCancellationRequested)
        {
            failures.Add(index, ex);
            return null;
        }
    }

    // A ValueTask: a text or an image URL completes at once, and then no task is allocated for it (512 of them a batch).
    private static async ValueTask<PreparedInput> PrepareOneAsync(
        EmbeddingInput input, int index, bool checkFormat, ImagePreparation? images, string model, CancellationToken cancellationToken)
    {
        var (data, what) = input.Kind switch
        {
            EmbeddingInputKind.ImageFile => (await ReadFileAsync(input.Value!, index, checkFormat, cancellationToken).ConfigureAwait(false), $"the image file '{input.Value}'"),
            EmbeddingInputKind.ImageStream => (await ReadStreamAsync(input.Stream!, index, checkFormat, cancellationToken).ConfigureAwait(false), "the image stream"),
            EmbeddingInputKind.ImageBytes => (input.Bytes, "the image bytes"),
            EmbeddingInputKind.ImageUrl when images is { DownloadsUrls: true } =>
                (await images.DownloadAsync(input.Value!, index, cancellationToken).ConfigureAwait(false), $"the image URL {input.Value}"),
            EmbeddingInputKind.ImageUrl or EmbeddingInputKind.Text => (default(ReadOnlyMemory<byte>), string.Empty),
        };
        if (!input.IsImage || (input.Kind == EmbeddingInputKind.ImageUrl && images is not { DownloadsUrls: true }))
        {
            return new(input.Kind, input.Value, default);
        }

        if (images is not null)
        {
            data = await images.PrepareAsync(data, index, what, model, cancellationToken).ConfigureAwait(false);
        }

        // A downloaded URL goes on the wire as bytes, like any image the SDK read itself.
        var kind = input.Kind == EmbeddingInputKind.ImageUrl ? EmbeddingInputKind.ImageBytes : input.Kind;
        return new(kind, input.Kind == EmbeddingInputKind.ImageFile ? input.Value : null, data);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadFileAsync(string path, int index, bool checkFormat, CancellationToken cancellationToken)
    {
        // Checked at planning; checked again here, since the file may have changed since.
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        EmbeddingInput.CheckImageSize(bytes.Length, $"Input {index}: the contents of the image file '{path}'", paramName: null);
        if (checkFormat)
        {
            ImageSniffer.Check(bytes, index, $"the image file '{path}'", paramName: null);
        }

        return bytes;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadStreamAsync(Stream stream, int index, bool checkFormat, CancellationToken cancellationToken)
    {
        // Read at most one chunk past the limit, so an oversized stream is detected without reading all of it.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > EmbeddingInput.MaxImageBytes)
            {
                break;
            }
        }

        if (buffer.Length > EmbeddingInput.MaxImageBytes)
        {
            throw new ArgumentException(
                $"Input {index}: the image stream holds more than {EmbeddingInput.MaxImageBytes:N0} bytes; the API accepts images of at most 8 MiB.");
        }

        EmbeddingInput.CheckImageSize(buffer.Length, $"Input {index}: the contents of the image stream", paramName: null);
        if (checkFormat)
        {
            // A stream that cannot seek could not be peeked at planning: this is its first check, still before sending.
            ImageSniffer.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), index, "the image stream", paramName: null);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
