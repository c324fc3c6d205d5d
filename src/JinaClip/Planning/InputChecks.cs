namespace JinaClip.Planning;

/// <summary>
/// The checks of one input that need no upload: an image file exists, is a file, is readable and within the size
/// limit; an image stream is readable (and, when it can seek, within the limit). Messages name the input's position
/// in the call.
/// </summary>
internal static class InputChecks
{
    public static void Check(EmbeddingInput? input, int index, string paramName)
    {
        if (input is null)
        {
            throw new ArgumentException($"Input {index} is null.", paramName);
        }

        switch (input.Kind)
        {
            case EmbeddingInputKind.ImageFile:
                CheckFile(input.Value!, index, paramName);
                break;
            case EmbeddingInputKind.ImageStream:
                CheckStream(input.Stream!, index, paramName);
                break;
        }
    }

    private static void CheckFile(string path, int index, string paramName)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw Directory.Exists(path)
                ? new ArgumentException($"Input {index}: '{path}' is a directory, not an image file.", paramName)
                : new FileNotFoundException($"Input {index}: the image file '{path}' does not exist.", path);
        }

        EmbeddingInput.CheckImageSize(info.Length, $"Input {index}: the contents of the image file '{path}'", paramName);
        try
        {
            // Opening proves the file is readable now; its bytes are read when its batch is sent. A bare handle is
            // enough: no stream, no buffer.
#if NET
            using var probe = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
#else
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
#endif
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ArgumentException($"Input {index}: the image file '{path}' cannot be read: {ex.Message}", paramName, ex);
        }
    }

    private static void CheckStream(Stream stream, int index, string paramName)
    {
        if (!stream.CanRead)
        {
            throw new ArgumentException($"Input {index}: the image stream is not readable (it was disposed, or is write-only).", paramName);
        }

        if (stream.CanSeek)
        {
            EmbeddingInput.CheckImageSize(stream.Length - stream.Position, $"Input {index}: the remaining contents of the image stream", paramName);
        }
    }
}
