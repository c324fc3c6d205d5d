namespace JinaClip.Inputs;

/// <summary>Checks a call's inputs and reads files and streams, all before anything is sent.</summary>
internal static class InputPreparer
{
    /// <summary>Copies <paramref name="inputs"/> into a list, rejecting null items and an empty list.</summary>
    public static EmbeddingInput[] Materialize(IEnumerable<EmbeddingInput> inputs, string paramName)
    {
        ArgumentNullException.ThrowIfNull(inputs, paramName);
        var list = inputs as EmbeddingInput[] ?? inputs.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("At least one input is required; the list of inputs is empty.", paramName);
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Input {i} is null.", paramName);
            }
        }

        return list;
    }

    /// <summary>Resolves every input to text, a URL or image bytes, reading files and streams.</summary>
    public static async Task<PreparedInput[]> PrepareAsync(EmbeddingInput[] inputs, CancellationToken cancellationToken)
    {
        var prepared = new PreparedInput[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            prepared[i] = input.Kind switch
            {
                EmbeddingInputKind.ImageFile => new(input.Kind, input.Value, await ReadFileAsync(input.Value!, i, cancellationToken).ConfigureAwait(false)),
                EmbeddingInputKind.ImageStream => new(input.Kind, null, await ReadStreamAsync(input.Stream!, i, cancellationToken).ConfigureAwait(false)),
                EmbeddingInputKind.ImageBytes => new(input.Kind, null, input.Bytes),
                _ => new(input.Kind, input.Value, default),
            };
        }

        return prepared;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadFileAsync(string path, int index, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Input {index}: the image file '{path}' does not exist.", path);
        }

        EmbeddingInput.CheckImageSize(info.Length, $"Input {index}: the contents of the image file '{path}'", paramName: null);
        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadStreamAsync(Stream stream, int index, CancellationToken cancellationToken)
    {
        // Read at most one byte past the limit, so an oversized stream is detected without reading all of it.
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
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
