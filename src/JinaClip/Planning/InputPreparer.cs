using JinaClip.Wire;

namespace JinaClip.Planning;

/// <summary>Reads one checked batch's files and streams into what goes on the wire, just before the batch is sent.</summary>
internal static class InputPreparer
{
    public static async Task<PreparedInput[]> PrepareAsync(Batch batch, bool checkFormat, CancellationToken cancellationToken)
    {
        var prepared = new PreparedInput[batch.Inputs.Length];
        for (var i = 0; i < prepared.Length; i++)
        {
            var input = batch.Inputs.Span[i];
            var index = batch.Start + i;
            prepared[i] = input.Kind switch
            {
                EmbeddingInputKind.ImageFile => new(input.Kind, input.Value, await ReadFileAsync(input.Value!, index, checkFormat, cancellationToken).ConfigureAwait(false)),
                EmbeddingInputKind.ImageStream => new(input.Kind, null, await ReadStreamAsync(input.Stream!, index, checkFormat, cancellationToken).ConfigureAwait(false)),
                EmbeddingInputKind.ImageBytes => new(input.Kind, null, input.Bytes),
                _ => new(input.Kind, input.Value, default),
            };
        }

        return prepared;
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
