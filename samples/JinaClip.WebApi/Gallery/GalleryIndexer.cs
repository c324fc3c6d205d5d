using JinaClip.WebApi.Api;
using Microsoft.Extensions.Options;

namespace JinaClip.WebApi.Gallery;

/// <summary>Embeds the gallery's images at start-up, a few per request, logging a progress line after each request.</summary>
internal sealed partial class GalleryIndexer(
    ImageGallery gallery, IServiceProvider services, IOptions<GalleryOptions> options, ApiMode mode, ILogger<GalleryIndexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Directory.Exists(gallery.Folder))
        {
            gallery.Failed($"The gallery folder {gallery.Folder} does not exist; set Gallery:Folder to a folder of images.");
            LogNoFolder(logger, gallery.Folder);
            return;
        }

        // Regular files only (a FIFO is never opened), no linked folders, each real file once, a cap: see ImageFolder.Scan.
        ImageFolderScan scan;
        try
        {
            scan = ImageFolder.Scan(gallery.Folder, new ImageFolderOptions { Extensions = ImageGallery.Extensions, MaxFiles = options.Value.MaxImages });
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            gallery.Failed($"The gallery folder cannot be indexed: {ex.Message}");
            LogScanFailed(logger, gallery.Folder, ex.Message);
            return;
        }

        foreach (var skipped in scan.Skipped)
        {
            LogSkipped(logger, skipped.Name, skipped.Reason);
        }

        var images = scan.Images.Select(i => i.Name).ToArray();
        gallery.Found(images, [.. scan.Skipped.Select(s => new GallerySkip(s.Name, s.Reason))]);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var client = scope.ServiceProvider.GetRequiredService<JinaEmbeddingClient>();
            LogIndexing(logger, images.Length, gallery.Folder, client.DefaultModel, mode.Answerer);
            VectorIndex? index = null;
            long tokens = 0;
            var skip = new EmbeddingOptions { SkipBadInputs = true }; // one bad file must not stop the gallery
            foreach (var chunk in images.Chunk(Math.Max(1, options.Value.ImagesPerRequest)))
            {
                var result = await client.EmbedAsync(chunk.Select(i => EmbeddingInput.FromImageFile(Path.Combine(gallery.Folder, i))), skip, stoppingToken);
                foreach (var embedding in result)
                {
                    index ??= new VectorIndex(embedding.Dimensions);
                    index.Add(chunk[embedding.Index], embedding);
                }

                // A failure's index is its place in this chunk: the file it names is chunk[index], shown by its name in the folder.
                foreach (var failure in result.Failures)
                {
                    var name = chunk[failure.Index];
                    var reason = Reason(failure, Path.Combine(gallery.Folder, name));
                    gallery.Skip(new GallerySkip(name, reason));
                    LogSkipped(logger, name, reason);
                }

                tokens += result.Usage.TotalTokens ?? 0;
                gallery.Indexed(index?.Count ?? 0, tokens, result.Model);
                LogProgress(logger, index?.Count ?? 0, images.Length, tokens);
            }

            gallery.Ready(index ?? new VectorIndex(1));
            LogReady(logger, images.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            gallery.Failed($"Indexing the gallery failed: {ex.Message}");
            logger.LogError(ex, "Indexing the gallery failed.");
        }
    }

    /// <summary>The failure's reason without the input's place in its chunk and its path, which the gallery names instead.</summary>
    private static string Reason(InputFailure failure, string path)
    {
        foreach (var prefix in new[] { $"Input {failure.Index} (the image file '{path}') ", $"Input {failure.Index}: the image file '{path}' ", $"Input {failure.Index}: " })
        {
            if (failure.Reason.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Plain(failure.Reason[prefix.Length..]);
            }
        }

        return Plain(failure.Reason);

        static string Plain(string reason) => ApiProblems.ForClients(reason).TrimEnd('.');
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexing {Count} images from {Folder} with {Model}; answered by {Answerer}.")]
    private static partial void LogIndexing(ILogger logger, int count, string folder, string model, string answerer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Done}/{Total} images ({Tokens} tokens so far).")]
    private static partial void LogProgress(ILogger logger, int done, int total, long tokens);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gallery is ready: {Count} images. Open the page at / to search it.")]
    private static partial void LogReady(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Name}: it {Reason}.")]
    private static partial void LogSkipped(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The gallery folder {Folder} cannot be indexed: {Problem}")]
    private static partial void LogScanFailed(ILogger logger, string folder, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The gallery folder {Folder} does not exist; set Gallery:Folder to a folder of images.")]
    private static partial void LogNoFolder(ILogger logger, string folder);
}
