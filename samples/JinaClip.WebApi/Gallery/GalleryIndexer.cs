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

        var images = Directory.EnumerateFiles(gallery.Folder, "*", SearchOption.AllDirectories)
            .Where(f => ImageGallery.Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(gallery.Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        gallery.Found(images);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The gallery folder {Folder} does not exist; set Gallery:Folder to a folder of images.")]
    private static partial void LogNoFolder(ILogger logger, string folder);
}
