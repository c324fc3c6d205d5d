namespace JinaClip.Planning;

/// <summary>
/// The checks of one input that need no upload: an image file exists, is a file, is readable and within the size
/// limit; an image stream is readable (and, when it can seek, within the limit); image data starts like a format the
/// SDK recognises (bytes and files here; a stream that can seek is peeked and put back, one that cannot is checked
/// when it is read, see <c>Preparation/InputPreparer</c>). Messages name the input's position in the call.
/// </summary>
internal static class InputChecks
{
    public static ValueTask CheckAsync(EmbeddingInput? input, int index, string paramName, bool checkFormat, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            throw new ArgumentException($"Input {index} is null.", paramName);
        }

        switch (input.Kind)
        {
            case EmbeddingInputKind.ImageFile:
                return CheckFileAsync(input.Value!, index, paramName, checkFormat, cancellationToken);
            case EmbeddingInputKind.ImageStream:
                return CheckStreamAsync(input.Stream!, index, paramName, checkFormat, cancellationToken);
            case EmbeddingInputKind.ImageBytes when checkFormat:
                ImageSniffer.Check(input.Bytes.Span, index, "the image bytes", paramName);
                break;
        }

        return default;
    }

    private static async ValueTask CheckFileAsync(string path, int index, string paramName, bool checkFormat, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw Directory.Exists(path)
                ? new ArgumentException($"Input {index}: '{path}' is a directory, not an image file.", paramName)
                : new FileNotFoundException($"Input {index}: the image file '{path}' does not exist.", path);
        }

        if (info.Length == 0)
        {
            // A FIFO would block the open until a writer came, a device would never end: neither is opened.
            throw new ArgumentException($"Input {index}: the image file '{path}' is empty, or not a regular file (a FIFO, device or socket); it was not opened.", paramName);
        }

        EmbeddingInput.CheckImageSize(info.Length, $"Input {index}: the contents of the image file '{path}'", paramName);
        var prefix = new byte[ImageSniffer.PrefixBytes];
        int read;
        try
        {
            // Opening proves the file is readable now; its first bytes say whether it is an image. The rest is read
            // when its batch is sent.
#if NET
            using var probe = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.Asynchronous);
            read = checkFormat ? await ReadPrefixAsync(probe, prefix, cancellationToken).ConfigureAwait(false) : 0;
#else
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, useAsync: true);
            read = checkFormat ? await ReadPrefixAsync(probe, prefix, cancellationToken).ConfigureAwait(false) : 0;
#endif
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ArgumentException($"Input {index}: the image file '{path}' cannot be read: {ex.Message}", paramName, ex);
        }

        if (checkFormat)
        {
            ImageSniffer.Check(prefix.AsSpan(0, read), index, $"the image file '{path}'", paramName);
        }
    }

    private static async ValueTask CheckStreamAsync(Stream stream, int index, string paramName, bool checkFormat, CancellationToken cancellationToken)
    {
        if (!stream.CanRead)
        {
            throw new ArgumentException($"Input {index}: the image stream is not readable (it was disposed, or is write-only).", paramName);
        }

        if (stream.CanSeek)
        {
            EmbeddingInput.CheckImageSize(stream.Length - stream.Position, $"Input {index}: the remaining contents of the image stream", paramName);
            if (checkFormat)
            {
                // Peeked and put back: the stream is read whole when its batch is sent.
                var start = stream.Position;
                var prefix = new byte[ImageSniffer.PrefixBytes];
                var read = await ReadPrefixAsync(stream, prefix, cancellationToken).ConfigureAwait(false);
                stream.Position = start;
                ImageSniffer.Check(prefix.AsSpan(0, read), index, "the image stream", paramName);
            }
        }
    }

#if NET
    private static async ValueTask<int> ReadPrefixAsync(Microsoft.Win32.SafeHandles.SafeFileHandle file, byte[] prefix, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < prefix.Length && (read = await RandomAccess.ReadAsync(file, prefix.AsMemory(total), total, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }
#endif

    private static async ValueTask<int> ReadPrefixAsync(Stream stream, byte[] prefix, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < prefix.Length && (read = await stream.ReadAsync(prefix.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }
}
