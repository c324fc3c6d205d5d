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
            foreach (var chunk in images.Chunk(Math.Max(1, options.Value.ImagesPerRequest)))
            {
                var result = await client.EmbedAsync(chunk.Select(i => EmbeddingInput.FromImageFile(Path.Combine(gallery.Folder, i))), cancellationToken: stoppingToken);
                index ??= new VectorIndex(result[0].Dimensions);
                foreach (var embedding in result)
                {
                    index.Add(chunk[embedding.Index], embedding);
                }

                tokens += result.Usage.TotalTokens ?? 0;
                gallery.Indexed(index.Count, tokens, result.Model);
                LogProgress(logger, index.Count, images.Length, tokens);
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
