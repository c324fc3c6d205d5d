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
            var vectors = new List<(string Name, ReadOnlyMemory<float> Vector)>();
            long tokens = 0;
            var skip = new EmbeddingOptions { SkipBadInputs = true }; // one bad file must not stop the gallery
            foreach (var chunk in images.Chunk(Math.Max(1, options.Value.ImagesPerRequest)))
            {
                var result = await client.EmbedAsync(chunk.Select(i => EmbeddingInput.FromImageFile(Path.Combine(gallery.Folder, i))), skip, stoppingToken);
                foreach (var embedding in result)
                {
                    index ??= new VectorIndex(embedding.Dimensions);
                    index.Add(chunk[embedding.Index], embedding);
                    vectors.Add((chunk[embedding.Index], embedding.GetVector()));
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

            await TagAsync(scope.ServiceProvider.GetRequiredService<JinaClassificationClient>(), vectors, stoppingToken);
            gallery.Ready(index ?? new VectorIndex(1));
            LogReady(logger, images.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            gallery.Failed($"Indexing the gallery failed: {ex.Message}");
            logger.LogError(ex, "Indexing the gallery failed.");
        }
    }

    /// <summary>
    /// Tags every indexed image with its best label: locally from the vectors just indexed (the labels cost one small
    /// embeddings request; the images nothing more), or through <c>POST /v1/classify</c> (every image again). A failure
    /// leaves the gallery searchable, untagged, and says why.
    /// </summary>
    private async Task TagAsync(JinaClassificationClient classification, List<(string Name, ReadOnlyMemory<float> Vector)> vectors, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Tagging is not ("local" or "api" or "off"))
        {
            gallery.TaggingFailed($"Gallery:Tagging is '{settings.Tagging}'; use local, api or off.");
            LogTaggingFailed(logger, $"Gallery:Tagging is '{settings.Tagging}'; use local, api or off.");
            return;
        }

        if (settings.Tagging == "off" || vectors.Count == 0)
        {
            return;
        }

        try
        {
            var tags = new Dictionary<string, ImageTag>(StringComparer.Ordinal);
            LocalZeroShotClassifier? local = null;
            if (settings.Tagging == "api")
            {
                var classified = await classification.ClassifyAsync(
                    vectors.Select(v => EmbeddingInput.FromImageFile(Path.Combine(gallery.Folder, v.Name))), settings.TagLabels, cancellationToken: cancellationToken);
                foreach (var item in classified)
                {
                    tags[vectors[item.Index].Name] = ImageTag.Of(item);
                }
            }
            else
            {
                local = await classification.CreateLocalClassifierAsync(settings.TagLabels, cancellationToken: cancellationToken);
                var classified = await local.ClassifyAsync([.. vectors.Select(v => v.Vector)], cancellationToken);
                foreach (var item in classified)
                {
                    tags[vectors[item.Index].Name] = ImageTag.Of(item);
                }
            }

            gallery.Tagged(tags, local);
            LogTagged(logger, tags.Count, settings.TagLabels.Count, settings.Tagging);
        }
        catch (Exception ex) when (ex is ArgumentException or JinaApiException or HttpRequestException or TimeoutException or IOException or JinaInvalidResponseException)
        {
            gallery.TaggingFailed($"Tagging failed: {ApiProblems.ForClients(ex.Message)}");
            LogTaggingFailed(logger, ex.Message);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Tagged {Count} images with the best of {Labels} labels ({Mode}).")]
    private static partial void LogTagged(ILogger logger, int count, int labels, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tagging the gallery failed; it searches untagged: {Problem}")]
    private static partial void LogTaggingFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gallery is ready: {Count} images. Open the page at / to search it.")]
    private static partial void LogReady(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Name}: it {Reason}.")]
    private static partial void LogSkipped(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The gallery folder {Folder} cannot be indexed: {Problem}")]
    private static partial void LogScanFailed(ILogger logger, string folder, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The gallery folder {Folder} does not exist; set Gallery:Folder to a folder of images.")]
    private static partial void LogNoFolder(ILogger logger, string folder);
}
